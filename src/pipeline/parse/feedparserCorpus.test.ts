// The feedparser corpus files copied into testdata/feedparser, checked
// against their manifest expectations (testdata/feedparser/manifest.jsonl),
// through parse and, for what only normalize decides (absolute links,
// sanitized content), normalize.
//
// feedparser's model is not ours, so a check compares meaning:
// - text fields (titles, summaries, content) compare as the text a reader
//   sees (tags removed, entities decoded, whitespace collapsed), since
//   feedparser's sanitizer output differs from ours byte for byte;
// - links compare after resolution against the file's `http_url` (the
//   document URL the upstream harness serves it from);
// - `bozo: false` means the document must parse; `bozo: true` (feedparser's
//   "parsed with warnings") asks nothing: we are lenient where feedparser is
//   (bare ampersands, unknown entities), strict where XML is (a truncated
//   end tag, except the root's own at the very end).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NormalizedItem, ParsedFeed } from '../model.ts';
import { sameUrl } from '../discover/feedparserExpectations.ts';
import { findForbiddenHtml } from '../normalize/forbiddenHtml.ts';
import { htmlToText } from '../normalize/html.ts';
import { normalizeItem } from '../normalize/normalizeItem.ts';
import { parseFeed } from './parseFeed.ts';

type Check = { path: string; equals: unknown };
type ManifestLine = {
  file: string;
  group: string;
  subgroup?: string;
  checks: Check[];
  http_url?: string;
  content_copied_to_summary?: boolean;
};

const manifest: ManifestLine[] = readFileSync(new URL('./testdata/feedparser/manifest.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as ManifestLine);

/**
 * Checks our model answers differently on purpose, with the reason. Each is
 * `file|path`.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'wellformed/rss/item_description_not_a_doctype.xml|entries[0].summary': '<item> directly under <rss>, no <channel>: read as an empty feed',
  'wellformed/rss/item_description_not_a_doctype2.xml|entries[0].summary': '<item> directly under <rss>, no <channel>: read as an empty feed',
  'wellformed/rss/item_description_and_summary.xml|entries[0].content': 'an RSS <summary> element (not in any RSS spec) is not read',
  'wellformed/sanitize/item_content_encoded_script_nested_cdata.xml|entries[0].content':
    'the HTML "<![CDATA[<script></script>]]>" is a bogus comment to an HTML parser; we keep nothing of it, feedparser its text',
  'wellformed/sanitize/entry_content_crazy.xml|entries[0].content': 'feedparser keeps the text of <title> and <script>; we drop it',
  'wellformed/sanitize/item_content_encoded_crazy.xml|entries[0].content': 'feedparser keeps the text of <title> and <script>; we drop it',
  'wellformed/sanitize/item_description_crazy.xml|entries[0].summary': 'feedparser keeps the text of <title> and <script>; we drop it',
};

const documentUrl = (line: ManifestLine) => line.http_url ?? 'http://feed.invalid/feed.xml';

const sameText = (actual: unknown, expected: unknown): boolean => {
  if (actual === expected) return true;
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  const ours = htmlToText(actual);
  // feedparser gives text constructs as text and HTML ones as HTML: either reading may be the right one.
  return ours === htmlToText(expected) || ours === htmlToText(expected.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
};


function resolve(href: string | null, base: string): string | null {
  if (href === null) return null;
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

/** Our answer for one check path, and how to compare it. */
function answer(path: string, feed: ParsedFeed, items: NormalizedItem[], line: ManifestLine): [unknown, (a: unknown, e: unknown) => boolean] {
  switch (path) {
    case 'feed.title':
    case 'feed.description':
      return [path === 'feed.title' ? feed.title : feed.description, sameText];
    case 'feed.link':
      return [resolve(feed.link, documentUrl(line)), sameUrl];
    case 'feed.language':
      return [feed.language, Object.is];
    case 'entries.length':
      return [feed.items.length, Object.is];
  }
  const entry = /^entries\[(\d+)\]\.(\w+)(?:\[(\d+)\]\.(\w+))?$/.exec(path);
  if (!entry) return [`unmapped path ${path}`, Object.is];
  const index = Number(entry[1]);
  const raw = feed.items[index];
  if (!raw) return ['no such item', Object.is];
  switch (entry[2]) {
    case 'title':
      return [raw.title, sameText];
    case 'summary':
    case 'content':
      // Sanitizer cases compare what our sanitizer kept; the others compare the field as parsed.
      if (line.group === 'sanitize') return [items[index]?.contentHtml ?? null, sameText];
      return [entry[2] === 'summary' ? raw.description : raw.content, sameText];
    case 'link':
      return [items[index]?.link ?? null, sameUrl];
    case 'id':
      return [raw.guid, (a, e) => a === e || sameUrl(resolve(a as string, documentUrl(line)), e)];
    case 'published':
      return [raw.date, Object.is];
    case 'author':
      return [raw.author, Object.is];
    case 'enclosures': {
      const enclosure = raw.enclosures[Number(entry[3])];
      const field = entry[4] as 'url' | 'type' | 'length';
      const value = enclosure?.[field];
      return [typeof value === 'number' ? String(value) : value ?? null, Object.is];
    }
  }
  return [`unmapped path ${path}`, Object.is];
}

const context = (line: ManifestLine) => ({ sourceId: 'corpus', feedUrl: documentUrl(line), now: '2024-05-01T00:00:00.000Z' });

describe('feedparser corpus: manifest checks', () => {
  it('has the copied files', () => {
    expect(manifest.length).toBe(512);
  });

  it.each(manifest.map((line) => [line.file, line] as const))('%s', async (file, line) => {
    const text = readFileSync(new URL(`./testdata/feedparser/${file}`, import.meta.url), 'utf8');
    const result = await parseFeed(text);
    for (const check of line.checks) {
      const known = KNOWN_DIFFERENCES[`${file}|${check.path}`];
      if (check.path === 'bozo') {
        if (check.equals === false) expect(result.ok, `${file} must parse: ${JSON.stringify(result)}`).toBe(true);
        continue;
      }
      if (known) {
        continue;
      }
      expect(result.ok, `${file}: ${JSON.stringify(result)}`).toBe(true);
      if (!result.ok) return;
      // Item by item (not normalizeFeed), so that indexes match even where two items share an identity.
      const feed = result.value;
      const items = feed.items.map((raw) => normalizeItem(raw, feed, context(line)));
      const [actual, same] = answer(check.path, result.value, items, line);
      expect(same(actual, check.equals), `${file} ${check.path}: expected ${JSON.stringify(check.equals)}, got ${JSON.stringify(actual)}`).toBe(true);
    }
    if (result.ok && line.group === 'sanitize') {
      const feed = result.value;
      for (const item of feed.items.map((raw) => normalizeItem(raw, feed, context(line)))) {
        expect(findForbiddenHtml(item.contentHtml), `${file}: ${item.contentHtml}`).toEqual([]);
      }
    }
  });

  it('reads an Atom author as the name alone (feedparser adds the email)', async () => {
    const text = readFileSync(new URL('./testdata/feedparser/wellformed/atom10/entry_author_name.xml', import.meta.url), 'utf8');
    const result = await parseFeed(text);
    expect(result.ok && result.value.items[0]?.author).toBe('Example author');
  });

  it('keeps the known differences few and real', () => {
    for (const key of Object.keys(KNOWN_DIFFERENCES)) {
      const [file, path] = key.split('|');
      const line = manifest.find((candidate) => candidate.file === file);
      expect(line?.checks.some((check) => check.path === path), key).toBe(true);
    }
  });
});
