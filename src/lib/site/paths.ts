import { LOCALES, type Locale } from './locales.ts';

/** getStaticPaths entries for a page that exists once per language. */
export const localePaths = (): { params: { lang: Locale } }[] => LOCALES.map((lang) => ({ params: { lang } }));

/** Crosses each language with the given entries; an entry's `cacheKey` (cacheKeys.ts) goes with it into each language. */
export function perLocale<P extends Record<string, string | undefined>, Extra extends object>(
  entries: readonly { params: P; props: Extra; cacheKey?: string }[],
): { params: P & { lang: Locale }; props: Extra & { lang: Locale }; cacheKey?: string }[] {
  return LOCALES.flatMap((lang) =>
    entries.map((entry) => ({
      params: { ...entry.params, lang },
      props: { ...entry.props, lang },
      ...(entry.cacheKey === undefined ? {} : { cacheKey: entry.cacheKey }),
    })),
  );
}
