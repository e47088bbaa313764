import type { Locale } from './locales.ts';
import type { DisplayText, SiteItem, Source } from './model.ts';

/** schema.org NewsArticle for an item page. */
export function newsArticle(args: {
  item: SiteItem;
  text: DisplayText;
  lang: Locale;
  url: string;
  source: Source | undefined;
  publisherName: string;
  keywords: string[];
  imageUrl: string | null;
}): Record<string, unknown> {
  const { item, text, url, source, publisherName, keywords, imageUrl } = args;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: text.title.length > 110 ? `${text.title.slice(0, 109)}…` : text.title,
    description: text.summary || undefined,
    inLanguage: text.lang ?? undefined,
    datePublished: item.publishedAt,
    url,
    mainEntityOfPage: url,
    isBasedOn: item.link ?? undefined,
    author: source ? { '@type': 'Organization', name: source.name.en.text, url: source.siteUrl ?? undefined } : undefined,
    publisher: { '@type': 'Organization', name: publisherName },
    keywords: keywords.length > 0 ? keywords.join(', ') : undefined,
    image: imageUrl ?? undefined,
  };
}
