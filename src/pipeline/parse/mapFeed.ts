// From rss-parser's output (with the raw xml2js nodes it copied for us
// through customFields) to the pipeline's `ParsedFeed`.
//
// Text fields are HTML by contract (`RawItem.title`, `description`,
// `content`, and the feed's `title` and `description`): an Atom text
// construct of type `text` is escaped here so the normalize stage can read
// every one of them the same way.
import type { Enclosure, FeedFormat, ParsedFeed, RawItem } from '../model.ts';
import { escapeText, INLINE_MARKUP_ATTRIBUTE, type RootElement } from './prepareXml.ts';

/** Elements copied raw (as xml2js arrays) from the channel / feed element. */
export const FEED_FIELDS = [
  '$',
  'title',
  'dc:title',
  'link',
  'description',
  'subtitle',
  'tagline',
  'itunes:subtitle',
  'itunes:summary',
  'language',
  'dc:language',
  'atom:link',
  'ttl',
  'sy:updatePeriod',
  'sy:updateFrequency',
];

/** Elements copied raw from each item / entry. */
export const ITEM_FIELDS = [
  '$',
  'title',
  'dc:title',
  'link',
  'atom:link',
  'guid',
  'id',
  'pubDate',
  'dc:date',
  'x-published',
  'x-updated',
  'issued',
  'modified',
  'created',
  'dcterms:issued',
  'dcterms:modified',
  'dcterms:created',
  'author',
  'dc:creator',
  'dc:author',
  'itunes:author',
  'description',
  'dc:description',
  'itunes:summary',
  'summary',
  'content',
  'content:encoded',
  'yandex:full-text',
  'xhtml:body',
  'xhtml:div',
  'fullitem',
  'body',
  'enclosure',
  'media:content',
  'media:thumbnail',
  'media:group',
  'media:title',
  'media:description',
];

export const rawKey = (name: string): string => `raw:${name}`;

type XmlNode = string | { _?: unknown; $?: Record<string, unknown>; [child: string]: unknown };
type Record_ = Record<string, unknown>;

const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|avif|bmp|svg)(?:$|[?#])/i;

function nodes(record: Record_, name: string): XmlNode[] {
  const value = record[rawKey(name)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function attributesOf(node: XmlNode | undefined): Record<string, string> {
  if (!node || typeof node !== 'object' || !node.$ || typeof node.$ !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.$)) if (typeof value === 'string') out[key] = value;
  return out;
}

/** All character data of a node, children included (xml2js keeps an element's own text in `_`). */
function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (!node || typeof node !== 'object') return '';
  const record = node as Record_;
  let text = typeof record._ === 'string' ? record._ : '';
  for (const [key, value] of Object.entries(record)) if (key !== '_' && key !== '$') text += textOf(value);
  return text;
}

function firstText(record: Record_, ...names: string[]): string | null {
  for (const name of names) {
    for (const node of nodes(record, name)) {
      const text = textOf(node).trim();
      if (text !== '') return text;
    }
  }
  return null;
}

/**
 * An Atom text construct (or Atom 0.3 content) as text plus whether it is
 * markup. Base64 payloads (Atom 0.3 mode="base64", Atom 1.0 non-text media
 * types) are decoded and read as HTML, as feeds use them for HTML.
 */
function atomValue(node: XmlNode | undefined): { text: string; isHtml: boolean } | null {
  if (node === undefined) return null;
  const attributes = attributesOf(node);
  if (attributes.src) return null;
  let text = textOf(node);
  const type = (attributes.type ?? 'text').trim().toLowerCase();
  const mode = (attributes.mode ?? '').trim().toLowerCase();
  const isMarkup = attributes[INLINE_MARKUP_ATTRIBUTE] === 'true' || type.includes('html') || mode === 'xml';
  const isBase64 =
    mode === 'base64' || (!isMarkup && type.includes('/') && !type.startsWith('text/') && !/[+/]xml$/.test(type));
  if (isBase64) {
    text = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  text = text.trim();
  if (text === '') return null;
  return { text, isHtml: isMarkup || isBase64 };
}

/** An Atom text construct as HTML (text types escaped), or null. */
function atomHtml(node: XmlNode | undefined): string | null {
  const value = atomValue(node);
  if (value === null) return null;
  return value.isHtml ? value.text : escapeText(value.text);
}

function firstAtomHtml(record: Record_, ...names: string[]): string | null {
  for (const name of names) {
    for (const node of nodes(record, name)) {
      const html = atomHtml(node);
      if (html !== null) return html;
    }
  }
  return null;
}

/**
 * The page an Atom entry or feed points at: a link that says
 * rel="alternate" first, then one with no rel (which means alternate), each
 * in document order; a rel="alternate" of type text/html before other types.
 */
function atomAlternateHref(record: Record_, names: string[]): string | null {
  const candidates: { href: string; rank: number }[] = [];
  for (const name of names) {
    for (const node of nodes(record, name)) {
      const attributes = attributesOf(node);
      const href = (attributes.href ?? textOf(node)).trim();
      const rel = attributes.rel?.trim().toLowerCase();
      if (!href || (rel !== undefined && rel !== 'alternate')) continue;
      const html = /html/i.test(attributes.type ?? 'text/html');
      candidates.push({ href, rank: (rel === 'alternate' ? 0 : 2) + (html ? 0 : 1) });
    }
  }
  candidates.sort((a, b) => a.rank - b.rank);
  return candidates[0]?.href ?? null;
}

function parseLength(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null;
  const length = Number.parseInt(value, 10);
  return Number.isSafeInteger(length) ? length : null;
}

function enclosuresOf(record: Record_, atom: boolean): Enclosure[] {
  const out: Enclosure[] = [];
  for (const node of nodes(record, 'enclosure')) {
    const attributes = attributesOf(node);
    const url = (attributes.url ?? attributes.href ?? '').trim();
    if (url) out.push({ url, type: attributes.type?.trim() || null, length: parseLength(attributes.length) });
  }
  for (const name of atom ? ['link'] : ['atom:link']) {
    for (const node of nodes(record, name)) {
      const attributes = attributesOf(node);
      const url = (attributes.href ?? '').trim();
      if (attributes.rel === 'enclosure' && url) {
        out.push({ url, type: attributes.type?.trim() || null, length: parseLength(attributes.length) });
      }
    }
  }
  return out;
}

function isImageMedia(attributes: Record<string, string>, url: string): boolean {
  const type = (attributes.type ?? '').toLowerCase();
  const medium = (attributes.medium ?? '').toLowerCase();
  if (type.startsWith('image/') || medium === 'image') return true;
  if (type !== '' || medium !== '') return false;
  return IMAGE_EXTENSION.test(url);
}

/** Media RSS elements of the item itself, then of its media:groups and media:contents. */
function mediaNodes(record: Record_, name: string): XmlNode[] {
  const found = [...nodes(record, name)];
  const within = (parents: XmlNode[]) => {
    for (const parent of parents) {
      const value = typeof parent === 'object' ? parent[name] : undefined;
      if (Array.isArray(value)) found.push(...(value as XmlNode[]));
    }
  };
  const groups = nodes(record, 'media:group');
  within(groups);
  const contents = [...nodes(record, 'media:content')];
  for (const group of groups) {
    const value = typeof group === 'object' ? group['media:content'] : undefined;
    if (Array.isArray(value)) contents.push(...(value as XmlNode[]));
  }
  within(contents);
  return found;
}

/**
 * media:content / media:thumbnail URLs that are images (by type, medium or
 * extension): videos and audio are not an item's picture. media:content
 * before thumbnails, each in document order, groups included.
 */
function mediaUrlsOf(record: Record_): string[] {
  const urls: string[] = [];
  for (const node of mediaNodes(record, 'media:content')) {
    const attributes = attributesOf(node);
    const url = (attributes.url ?? '').trim();
    if (url && isImageMedia(attributes, url)) urls.push(url);
  }
  for (const node of mediaNodes(record, 'media:thumbnail')) {
    const url = (attributesOf(node).url ?? '').trim();
    if (url) urls.push(url);
  }
  return [...new Set(urls)];
}

function parseBoolean(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true') return true;
  if (normalized === 'false') return false;
  return null;
}

function authorOf(record: Record_, atom: boolean): string | null {
  if (atom) {
    for (const node of nodes(record, 'author')) {
      if (typeof node === 'object' && Array.isArray(node.name)) {
        const name = textOf(node.name).trim();
        if (name) return name;
      }
      if (typeof node === 'object' && Array.isArray(node.email)) {
        const email = textOf(node.email).trim();
        if (email) return email;
      }
    }
    return firstText(record, 'dc:creator', 'dc:author', 'itunes:author');
  }
  // dc:author is not Dublin Core, but feeds write it for dc:creator.
  return firstText(record, 'author', 'dc:creator', 'dc:author', 'itunes:author');
}

/** A Media RSS text (media:title, media:description) as HTML: type="plain", the default, is escaped. */
function mediaHtml(record: Record_, name: string): string | null {
  for (const node of mediaNodes(record, name)) {
    const text = textOf(node).trim();
    if (text === '') continue;
    return (attributesOf(node).type ?? 'plain').trim().toLowerCase() === 'html' ? text : escapeText(text);
  }
  return null;
}

/** Resolves an xml:base against its parent's; a relative pair stays relative. */
export function combineBase(parent: string | null, child: string | null): string | null {
  const trimmedChild = child?.trim() || null;
  if (trimmedChild === null) return parent;
  if (parent === null) return trimmedChild;
  try {
    return new URL(trimmedChild, parent).href;
  } catch {
    try {
      const placeholder = 'http://relative.invalid';
      const resolved = new URL(trimmedChild, new URL(parent, `${placeholder}/`));
      return resolved.origin === placeholder ? resolved.pathname + resolved.search + resolved.hash : resolved.href;
    } catch {
      return trimmedChild;
    }
  }
}

function mapItem(record: Record_, format: FeedFormat, feedBase: string | null): RawItem {
  const atom = format === 'atom';
  const attributes = attributesOf(record[rawKey('$')] === undefined ? undefined : { $: record[rawKey('$')] as Record<string, unknown> });
  const guidNode = nodes(record, 'guid')[0];
  const about = attributes['rdf:about']?.trim() || null;
  const link = atom
    ? atomAlternateHref(record, ['link'])
    : firstText(record, 'link') ?? atomAlternateHref(record, ['atom:link']) ?? about;
  const guid = atom ? firstText(record, 'id') : firstText(record, 'guid') ?? about;
  const mediaDescription = mediaHtml(record, 'media:description');
  return {
    title: (atom ? firstAtomHtml(record, 'title') : firstText(record, 'title', 'dc:title')) ?? mediaHtml(record, 'media:title'),
    link,
    guid,
    guidIsPermaLink: atom ? null : parseBoolean(attributesOf(guidNode).isPermaLink ?? attributesOf(guidNode).ispermalink),
    date: atom
      ? firstText(record, 'x-published', 'issued', 'x-updated', 'modified', 'created', 'dc:date', 'dcterms:issued', 'dcterms:modified')
      : firstText(record, 'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'dcterms:modified'),
    author: authorOf(record, atom),
    description:
      (atom ? firstAtomHtml(record, 'summary') : firstText(record, 'description', 'dc:description')) ??
      firstText(record, 'itunes:summary') ??
      mediaDescription,
    content: atom
      ? firstAtomHtml(record, 'content')
      : firstText(record, 'content:encoded', 'yandex:full-text', 'xhtml:body', 'xhtml:div', 'body', 'fullitem') ?? firstAtomHtml(record, 'content'),
    enclosures: enclosuresOf(record, atom),
    mediaUrls: mediaUrlsOf(record),
    imageAlt: mediaDescription,
    xmlBase: combineBase(feedBase, attributes['xml:base'] ?? null),
  };
}

export type RssParserOutput = Record_ & { items?: unknown };

export function mapFeed(output: RssParserOutput, format: FeedFormat, root: RootElement): ParsedFeed {
  const atom = format === 'atom';
  const channelAttributes = attributesOf({ $: (output[rawKey('$')] ?? {}) as Record<string, unknown> });
  // In RSS the root <rss> (or rdf:RDF) and the <channel> may both carry xml:base; in Atom the root is the feed.
  const rootBase = atom ? null : root.attributes['xml:base'] ?? null;
  const feedBase = combineBase(rootBase, channelAttributes['xml:base'] ?? null);
  const items = Array.isArray(output.items) ? (output.items as Record_[]) : [];
  return {
    format,
    title: atom ? firstAtomHtml(output, 'title') : firstText(output, 'title', 'dc:title'),
    link: atom
      ? atomAlternateHref(output, ['link'])
      : firstText(output, 'link') ?? (channelAttributes['rdf:about']?.trim() || null),
    description:
      (atom ? firstAtomHtml(output, 'subtitle', 'tagline') : firstText(output, 'description')) ??
      firstText(output, 'itunes:subtitle', 'itunes:summary'),
    language: firstText(output, 'language', 'dc:language') ?? (channelAttributes['xml:lang']?.trim() || root.attributes['xml:lang']?.trim() || null),
    xmlBase: feedBase,
    items: items.map((item) => mapItem(item, format, feedBase)),
    refresh: { ttl: firstText(output, 'ttl'), updatePeriod: firstText(output, 'sy:updatePeriod'), updateFrequency: firstText(output, 'sy:updateFrequency') },
  };
}
