// Which page documents exist and what they are called: shared by the studio
// (schema, desk structure, validation) and the ingest's seeding
// (src/lib/content/seed), so both agree without importing the studio.

export const PAGE_KEYS = ['about', 'methodology'] as const;
export const PAGE_LANGUAGES = ['ru', 'en'] as const;
export type PageKey = (typeof PAGE_KEYS)[number];
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** One document per key and language, with this id: `page-about-ru`. Being the id, it cannot be taken twice. */
export const pageDocumentId = (key: PageKey, language: PageLanguage): string => `page-${key}-${language}`;

const KEY_TITLES: Record<PageKey, string> = { about: 'About', methodology: 'Methodology' };
const LANGUAGE_TITLES: Record<PageLanguage, string> = { ru: 'Русский', en: 'English' };

/** The desk's fixed page entries, in menu order. */
export const PAGE_SLOTS = PAGE_KEYS.flatMap((key) =>
  PAGE_LANGUAGES.map((language) => ({ id: pageDocumentId(key, language), key, language, title: `${KEY_TITLES[key]} · ${LANGUAGE_TITLES[language]}` })),
);

/** The site settings singleton's id. */
export const SITE_SETTINGS_ID = 'siteSettings';

/** The published id of a draft or release version id (`drafts.x`, `versions.r.x` → `x`). */
export const publishedIdOf = (id: string): string => id.replace(/^drafts\./, '').replace(/^versions\.[^.]+\./, '');
