// The feedparser corpus's field expectations (`checks` of its manifest.jsonl)
// scored against what `inspect` prints for a file. feedparser's model is not
// ours, so a check compares meaning, as a reader would:
// - text fields compare as the text a reader sees (tags removed, entities
//   decoded, whitespace collapsed); a summary or content that carries links
//   must also carry them, absolute, in `contentHtml`;
// - links and ids compare as URLs;
// - `published` compares the instant it names, not the spelling;
// - `bozo` is not a field: `bozo: true` asks nothing (we are lenient where
//   feedparser is), `bozo: false` asks that the file parses (counted apart).
import { parseFeedDate } from '../normalize/dates.ts';
import { htmlToText } from '../normalize/html.ts';
import type { FeedCheck as InspectLine } from './checkFeed.ts';

export type CorpusCheck = { path: string; equals: unknown };

export type ManifestLine = {
  file: string;
  group: string;
  checks: CorpusCheck[];
  http?: boolean;
  http_url?: string;
  http_headers?: Record<string, string>;
};

/** The origin the corpus's HTTP files name (`http_url`, Content-Location); replaced by the loopback server's. */
export const CORPUS_ORIGIN = 'http://127.0.0.1:8097';

const textOf = (html: string): string => htmlToText(html);

/** feedparser gives text constructs as text and HTML ones as HTML: either reading may be the right one. */
function sameText(actual: string | null | undefined, expected: string): boolean {
  const ours = textOf(actual ?? '');
  return ours === textOf(expected) || ours === textOf(expected.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
}

/** Two URLs that parse to the same address. */
export function sameUrl(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  try {
    return new URL(actual).href === new URL(expected).href;
  } catch {
    return false;
  }
}

/** The links of an HTML fragment; an empty attribute (`<span href="">`) links nowhere and is left out. */
const hrefs = (html: string): string[] => [...html.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((match) => match[1] ?? '');

/** Text equal to one of ours, and every link of the expected HTML present in `contentHtml`. */
function sameBody(item: InspectLine['items'][number], expected: string): boolean {
  const textMatches = sameText(item.contentHtml, expected) || sameText(item.summary, expected);
  if (!textMatches) return false;
  const ours = hrefs(item.contentHtml);
  return hrefs(expected).every((href) => ours.some((candidate) => sameUrl(candidate, href)));
}

/** "jane@example.com (Jane Doe)" is stored as the name; feedparser keeps the raw string. */
function sameAuthor(actual: string | null, expected: string): boolean {
  if (actual === expected) return true;
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(expected);
  return named !== null && actual === named[1]?.trim();
}

function samePublished(actual: string, expected: string): boolean {
  const date = parseFeedDate(expected);
  return date !== null && date.toISOString() === actual;
}

/** Whether one check holds for this inspect line; `origin` stands in for CORPUS_ORIGIN in expected values. */
export function checkHolds(check: CorpusCheck, line: InspectLine, origin = CORPUS_ORIGIN): boolean {
  const expected = typeof check.equals === 'string' ? check.equals.split(CORPUS_ORIGIN).join(origin) : check.equals;
  if (check.path === 'bozo') return expected === true || line.ok;
  if (!line.ok || line.feed === null) return false;
  switch (check.path) {
    case 'feed.title':
      return typeof expected === 'string' && sameText(line.feed.title, expected);
    case 'feed.description':
      return typeof expected === 'string' && sameText(line.feed.description, expected);
    case 'feed.link':
      return sameUrl(line.feed.link, expected);
    case 'feed.language':
      return line.feed.language === expected;
    case 'entries.length':
      return line.items.length + line.droppedItems === expected;
  }
  const match = /^entries\[(\d+)\]\.(\w+)(?:\[(\d+)\]\.(\w+))?$/.exec(check.path);
  const item = match ? line.items[Number(match[1])] : undefined;
  if (!match || !item || typeof expected !== 'string') return false;
  switch (match[2]) {
    case 'title':
      return sameText(item.title, expected);
    case 'summary':
    case 'content':
      return sameBody(item, expected);
    case 'link':
      return sameUrl(item.link, expected);
    case 'id':
      return item.guid === expected || sameUrl(item.guid, expected);
    case 'published':
      return samePublished(item.publishedAt, expected);
    case 'author':
      return sameAuthor(item.author, expected);
    case 'enclosures': {
      const enclosure = item.enclosures[Number(match[3])];
      const value = enclosure?.[match[4] as 'url' | 'type' | 'length'];
      return match[4] === 'url' ? sameUrl(value, expected) : String(value ?? '') === expected;
    }
  }
  return false;
}
