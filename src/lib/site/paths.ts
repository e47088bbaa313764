import { LOCALES, type Locale } from './locales.ts';

/** getStaticPaths entries for a page that exists once per language. */
export const localePaths = (): { params: { lang: Locale } }[] => LOCALES.map((lang) => ({ params: { lang } }));

/** Crosses each language with the given entries. */
export function perLocale<P extends Record<string, string | undefined>, Extra extends object>(
  entries: readonly { params: P; props: Extra }[],
): { params: P & { lang: Locale }; props: Extra & { lang: Locale } }[] {
  return LOCALES.flatMap((lang) => entries.map((entry) => ({ params: { ...entry.params, lang }, props: { ...entry.props, lang } })));
}
