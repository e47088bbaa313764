// What the pipeline makes of one feed address, for a person deciding whether
// to add it: `npm run inspect` prints it, the studio's "Check feed" shows it.
// Runs fetch → decode → parse → normalize with the stages it is given and
// never throws: every failure, a bug included, is a value with a code.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DecodeRepair, FeedInfo, FetchResult, StageError } from '../model.ts';
import { normalizeFeedInfo } from '../normalize/index.ts';
import type { PipelineStages } from '../run.ts';

/** The stages a check needs: the production ones (`createDefaultStages`) or stand-ins. */
export type CheckStages = Pick<PipelineStages, 'fetchFeed' | 'decodeFeed' | 'parseFeed' | 'normalizeFeed'>;

/** One checked feed: what an editor needs to judge it, as plain data (one JSON line of `inspect`). */
export type FeedCheck = {
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
export const toAddress = (input: string): string =>
  /^[a-z][a-z0-9+.-]+:/i.test(input) ? input : pathToFileURL(path.resolve(input)).href;

export const emptyCheck = (input: string): FeedCheck => ({
  input,
  ok: false,
  error: null,
  encoding: null,
  repaired: null,
  format: null,
  feed: null,
  droppedItems: 0,
  items: [],
});

const failWith = (line: FeedCheck, stage: string, error: StageError): FeedCheck => ({
  ...line,
  error: { code: error.code, message: `${stage}: ${error.message}` },
});

/** The check of a response already fetched (discovery fetches a page once and checks it as a feed first). */
export async function checkFetched(input: string, fetched: FetchResult, stages: CheckStages, now = new Date()): Promise<FeedCheck> {
  const line = emptyCheck(input);
  try {
    if (!fetched.ok) return failWith(line, 'fetch', fetched.error);
    if (fetched.value.status !== 'ok') return failWith(line, 'fetch', { code: 'not_modified', message: `${input}: 304 without a conditional request` });
    const decoded = stages.decodeFeed(fetched.value.body, fetched.value.contentType);
    if (!decoded.ok) return failWith(line, 'decode', decoded.error);
    line.encoding = decoded.value.encoding;
    line.repaired = decoded.value.repaired ?? null;
    const parsed = await stages.parseFeed(decoded.value.text);
    if (!parsed.ok) return failWith(line, 'parse', parsed.error);
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
    return failWith(line, 'internal', { code: 'internal_error', message: `${input}: ${(error as Error).message}` });
  }
}

/** The fetch stage's answer for `url`; a throw (a bug) becomes an `internal_error` naming `input`. */
export async function fetchSafely(stages: Pick<CheckStages, 'fetchFeed'>, url: string, input: string): Promise<FetchResult> {
  try {
    return await stages.fetchFeed({ url });
  } catch (error) {
    return { ok: false, error: { code: 'internal_error', message: `${input}: ${(error as Error).message}` } };
  }
}

/** Checks one feed address (a URL, or a local path). Never throws: a bad input, or a bug on one input, is that input's check. */
export async function checkFeed(input: string, stages: CheckStages, now = new Date()): Promise<FeedCheck> {
  return checkFetched(input, await fetchSafely(stages, toAddress(input), input), stages, now);
}
