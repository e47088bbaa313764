import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeFeedInfo } from '../pipeline/normalize/index.ts';
import type { PipelineStages } from '../pipeline/run.ts';
import type { DecodeRepair, FeedInfo, StageError } from '../pipeline/model.ts';

/** One line of `npm run inspect`: what the pipeline makes of one feed. */
export type InspectLine = {
  input: string;
  ok: boolean;
  error: StageError | null;
  encoding: string | null;
  /** Bytes decode read in another code page than `encoding` (windows-1251 punctuation in KOI8-R text), or null. */
  repaired: DecodeRepair | null;
  format: string | null;
  /** Plain text title and description, absolute link. */
  feed: FeedInfo | null;
  /** Items left out as the same item twice in the feed (same guid, or same link and title). */
  droppedItems: number;
  items: {
    title: string;
    link: string | null;
    /** The feed's own guid; null when the item has none. */
    guid: string | null;
    author: string | null;
    publishedAt: string;
    summary: string;
    contentHtml: string;
    image: string | null;
    imageAlt: string | null;
    enclosures: { url: string; type: string | null; length: number | null }[];
  }[];
};

// Anything with a URL scheme is a URL (fetch refuses the schemes it does not
// speak: `ftp://x` is bad_url, not a missing file); the rest is a local path.
// Schemes of one letter are left to paths, as drive letters.
const toAddress = (input: string): string =>
  /^[a-z][a-z0-9+.-]+:/i.test(input) ? input : pathToFileURL(path.resolve(input)).href;

/** Never throws: a bad input, or a bug on one input, is that input's line. */
export async function inspectInput(input: string, stages: PipelineStages, now = new Date()): Promise<InspectLine> {
  const line: InspectLine = { input, ok: false, error: null, encoding: null, repaired: null, format: null, feed: null, droppedItems: 0, items: [] };
  const failWith = (stage: string, error: StageError): InspectLine => ({ ...line, error: { code: error.code, message: `${stage}: ${error.message}` } });
  try {
    const fetched = await stages.fetchFeed({ url: toAddress(input) });
    if (!fetched.ok) return failWith('fetch', fetched.error);
    if (fetched.value.status !== 'ok') return failWith('fetch', { code: 'not_modified', message: `${input}: 304 without a conditional request` });
    const decoded = stages.decodeFeed(fetched.value.body, fetched.value.contentType);
    if (!decoded.ok) return failWith('decode', decoded.error);
    line.encoding = decoded.value.encoding;
    line.repaired = decoded.value.repaired ?? null;
    const parsed = await stages.parseFeed(decoded.value.text);
    if (!parsed.ok) return failWith('parse', parsed.error);
    const feed = parsed.value;
    line.format = feed.format;
    const { finalUrl: feedUrl, contentLocation, contentLanguage } = fetched.value;
    const context = { sourceId: 'inspect', feedUrl, contentLocation, contentLanguage, now: now.toISOString() };
    line.feed = normalizeFeedInfo(feed, context);
    const { items, dropped } = stages.normalizeFeed(feed, context);
    line.droppedItems = dropped.length;
    line.items = items.map((item) => ({
      title: item.title,
      link: item.link,
      guid: item.guid,
      author: item.author,
      publishedAt: item.publishedAt,
      summary: item.summary,
      contentHtml: item.contentHtml,
      image: item.image,
      imageAlt: item.imageAlt,
      enclosures: item.enclosures,
    }));
    line.ok = true;
    return line;
  } catch (error) {
    return failWith('internal', { code: 'internal_error', message: `${input}: ${(error as Error).message}` });
  }
}
