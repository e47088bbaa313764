// OPML subscription lists in and out of the sources file: what a feed reader
// exports, an editor imports (`npm run sources -- import FILE.opml`), and the
// source list back as OPML (`npm run sources -- export`). Pure: text and
// values in, text and values out; the command does the file I/O.
import { generateOpml, parseOpml } from 'feedsmith';
import { z } from 'zod';
import { LANGUAGES, fail, ok, type Language, type Result } from '../model.ts';
import { identityUrl } from '../normalize/urls.ts';
import { sourcesFileSchema } from './sources.ts';

/** The sources file as written (before defaults and derived fields). */
export type SourcesFile = z.input<typeof sourcesFileSchema>;
type SourceEntry = SourcesFile['sources'][number];

/** One feed an OPML file lists (an outline with an xmlUrl, at any depth). */
export type OpmlFeed = { title: string; xmlUrl: string; htmlUrl: string | null; language: string | null };

export type OpmlSkip = { title: string; xmlUrl: string; reason: string };

export type OpmlImport = {
  file: SourcesFile;
  added: SourceEntry[];
  skipped: OpmlSkip[];
};

export type ImportOptions = {
  /** Names the file and the day in each new source's note. */
  origin: string;
  date: string;
  /** For outlines that name no language of the network (ru, en, uk, be). */
  defaultLanguage: Language;
  region: string | null;
};

const isHttp = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

type OpmlOutline = NonNullable<NonNullable<ReturnType<typeof parseOpml>['body']>['outlines']>[number];

/** The feeds an OPML document lists, in document order (category outlines walked into). */
export function readOpml(text: string): Result<OpmlFeed[]> {
  // A subscription list needs no DTD: one is refused rather than expanded.
  if (/<!DOCTYPE/i.test(text)) return fail('opml_invalid', 'the OPML file has a DOCTYPE, which a subscription list never needs');
  let document: ReturnType<typeof parseOpml>;
  try {
    document = parseOpml(text);
  } catch (error) {
    return fail('opml_invalid', `not an OPML document: ${(error as Error).message}`);
  }
  const feeds: OpmlFeed[] = [];
  const walk = (outlines: readonly (OpmlOutline | undefined)[] | undefined): void => {
    for (const outline of outlines ?? []) {
      if (!outline) continue;
      const xmlUrl = outline.xmlUrl?.trim();
      if (xmlUrl) {
        feeds.push({
          title: (outline.title ?? outline.text ?? '').trim() || xmlUrl,
          xmlUrl,
          htmlUrl: outline.htmlUrl?.trim() || null,
          language: outline.language?.trim() || null,
        });
      }
      walk(outline.outlines);
    }
  };
  walk(document.body?.outlines);
  return ok(feeds);
}

/** `news.example.org/rss/health.xml` → `news-example-org-rss-health`: a kebab-case id from the feed's address. */
function idFor(feedUrl: string, taken: ReadonlySet<string>): string {
  const url = new URL(feedUrl);
  const words = `${url.hostname.replace(/^www\./, '')}${url.pathname}`
    .toLowerCase()
    .replace(/\.(?:xml|rss|atom|rdf|json|php)$|\/(?:feed|rss)\/?$/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const base = words || 'feed';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

const sameFeedKey = (url: string): string => {
  try {
    return identityUrl(new URL(url));
  } catch {
    return url;
  }
};

/**
 * Adds an OPML file's feeds to the sources: each new one disabled until an
 * editor has checked it (`npm run inspect`), with a note saying where it came
 * from. A feed already listed (the same address, up to case of scheme and
 * host, default port, fragment and tracking parameters) or listed twice in
 * the file is skipped, as is an outline whose address is not http(s). The
 * result is validated as a whole sources file.
 */
export function importOpmlFeeds(existing: SourcesFile, feeds: readonly OpmlFeed[], options: ImportOptions): Result<OpmlImport> {
  const known = new Map(existing.sources.flatMap((source) => (source.feedUrl ? [[sameFeedKey(source.feedUrl), source.id] as const] : [])));
  const ids = new Set(existing.sources.map((source) => source.id));
  const added: SourceEntry[] = [];
  const skipped: OpmlSkip[] = [];
  for (const feed of feeds) {
    if (!isHttp(feed.xmlUrl)) {
      skipped.push({ title: feed.title, xmlUrl: feed.xmlUrl, reason: 'not an http(s) address' });
      continue;
    }
    const key = sameFeedKey(feed.xmlUrl);
    const already = known.get(key);
    if (already !== undefined) {
      skipped.push({ title: feed.title, xmlUrl: feed.xmlUrl, reason: `already listed as "${already}"` });
      continue;
    }
    const id = idFor(feed.xmlUrl, ids);
    ids.add(id);
    known.set(key, id);
    const language = LANGUAGES.find((candidate) => feed.language?.toLowerCase().split(/[-_]/)[0] === candidate);
    added.push({
      id,
      name: { ru: feed.title, en: feed.title },
      siteUrl: feed.htmlUrl !== null && isHttp(feed.htmlUrl) ? feed.htmlUrl : null,
      feedUrl: feed.xmlUrl,
      region: options.region,
      language: language ?? options.defaultLanguage,
      enabled: false,
      note:
        `Listed in the OPML file ${options.origin} (outline "${feed.title}"), imported ${options.date}; not yet checked. ` +
        `Check it with \`npm run --silent inspect -- ${feed.xmlUrl}\`, write here where the site documents this address ` +
        `(its page, the path, the date)${language ? '' : ` and the feed's language (${options.defaultLanguage} assumed)`}, then enable it.`,
    });
  }
  const file: SourcesFile = { ...existing, sources: [...existing.sources, ...added] };
  const valid = sourcesFileSchema.safeParse(file);
  if (!valid.success) {
    const issue = valid.error.issues[0];
    return fail('sources_invalid', `the imported sources do not validate: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return ok({ file, added, skipped });
}

/**
 * The sources as an OPML 2.0 subscription list: one outline per source with
 * an http(s) feed address, named in Russian (the network's language; an
 * import reads the name back as both names).
 */
export function sourcesToOpml(sources: SourcesFile['sources'], options: { title: string; date: Date }): string {
  return generateOpml({
    head: { title: options.title, dateCreated: options.date },
    body: {
      outlines: sources.flatMap((source) =>
        // Local `file:` feeds mean nothing to another reader.
        source.feedUrl && isHttp(source.feedUrl)
          ? [
              {
                text: source.name.ru,
                title: source.name.ru,
                type: 'rss',
                xmlUrl: source.feedUrl,
                ...(source.siteUrl ? { htmlUrl: source.siteUrl } : {}),
                language: source.language,
              },
            ]
          : [],
      ),
    },
  });
}
