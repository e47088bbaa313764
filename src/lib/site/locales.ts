/** The site's languages, in the order they appear in the language switch. The first is the default. */
export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';

/** BCP 47 tags for Intl formatting and OpenGraph. */
export const LOCALE_TAGS: Record<Locale, { intl: string; og: string }> = {
  ru: { intl: 'ru-RU', og: 'ru_RU' },
  en: { intl: 'en-GB', og: 'en_GB' },
};

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

export const otherLocales = (lang: Locale): Locale[] => LOCALES.filter((other) => other !== lang);

/**
 * The same page in another language: every page exists under each locale at
 * the same path, so switching swaps the first segment and keeps the rest
 * (query and hash included). A path without a locale goes to the target's home.
 */
export function switchLocalePath(path: string, to: Locale): string {
  const match = /^([^?#]*)(.*)$/.exec(path);
  const pathname = match?.[1] ?? path;
  const rest = match?.[2] ?? '';
  const segments = pathname.split('/');
  // segments[0] is '' for an absolute path.
  if (segments.length > 1 && isLocale(segments[1])) {
    segments[1] = to;
    return segments.join('/') + rest;
  }
  return `/${to}/`;
}

/** The locale a path belongs to, or null for paths outside the localized tree. */
export function localeOfPath(path: string): Locale | null {
  const first = path.split('/')[1];
  return isLocale(first) ? first : null;
}
