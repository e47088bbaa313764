// HTML of feed items: to plain text, to sanitized HTML, and the first image.
//
// Entities: the XML parser has already decoded one level (`&amp;lt;b&gt;` in
// the document is `&lt;b>` in the field). A field that holds HTML is decoded
// exactly once more here, by the HTML parser: `&amp;quot;` in the field
// becomes the text `&quot;`, never `"`.
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import config from './sanitize.json' with { type: 'json' };
import { isHttpUrl, resolveUrl, stripTrackingParams } from './urls.ts';

/** Elements after which words must not run together when tags are removed. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'td', 'th', 'tr', 'ul', 'img',
]);

const NON_TEXT = new Set(config.nonTextTags);

/** Collapses runs of whitespace (no-break spaces and line breaks included) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/**
 * Plain text that spells a tag (`<img onerror=...>` written as text in the
 * feed) gets a space after the `<`: it reads the same, and stays text even
 * where a page or a feed reader prints it without escaping.
 */
export function defuseTags(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, '< ');
}

/** The text a reader sees in an HTML fragment: tags removed, entities decoded once, whitespace collapsed. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (NON_TEXT.has(name)) skipping++;
        if (BLOCK_ELEMENTS.has(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (NON_TEXT.has(name) && skipping > 0) skipping--;
        if (BLOCK_ELEMENTS.has(name)) parts.push(' ');
      },
      ontext(text) {
        if (skipping === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return defuseTags(collapseWhitespace(parts.join('')));
}

/** `text` cut to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  const head = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/** The first `count` words of `text`, with an ellipsis when there were more. */
export function firstWords(text: string, count: number): string {
  const words = text.split(' ').filter(Boolean);
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ')}…`;
}

function absoluteAttribute(value: string | undefined, base: string | null, schemes: string[]): string | null {
  const url = resolveUrl(value, base);
  if (!url) return null;
  const scheme = url.protocol.slice(0, -1);
  if (!schemes.includes(scheme)) return null;
  return scheme === 'http' || scheme === 'https' ? stripTrackingParams(url).href : url.href;
}

/**
 * Item HTML made safe to embed: an allowlist of tags and attributes
 * (sanitize.json), no scripts, handlers, styles, frames, forms or
 * SVG/MathML, URLs made absolute against `base` and kept only with an
 * allowed scheme, links marked `rel="noopener noreferrer nofollow"`.
 */
export function sanitizeContent(html: string | null | undefined, base: string | null): string {
  if (!html) return '';
  const withScheme = (tag: string): string[] =>
    (config.allowedSchemesByTag as Record<string, string[]>)[tag] ?? config.allowedSchemes;
  const urlAttribute = (tag: string, attribute: string) => (tagName: string, attribs: sanitizeHtml.Attributes) => {
    const next: sanitizeHtml.Attributes = { ...attribs };
    const resolved = absoluteAttribute(attribs[attribute], base, withScheme(tag));
    if (resolved === null) delete next[attribute];
    else next[attribute] = resolved;
    if (tag === 'a') next.rel = config.linkRel;
    return { tagName, attribs: next };
  };
  const sanitized = sanitizeHtml(html, {
    allowedTags: config.allowedTags,
    allowedAttributes: config.allowedAttributes,
    allowedSchemes: config.allowedSchemes,
    allowedSchemesByTag: config.allowedSchemesByTag,
    allowedSchemesAppliedToAttributes: config.allowedSchemesAppliedToAttributes,
    allowProtocolRelative: config.allowProtocolRelative,
    nonTextTags: config.nonTextTags,
    disallowedTagsMode: 'discard',
    parseStyleAttributes: false,
    transformTags: {
      a: urlAttribute('a', 'href'),
      img: urlAttribute('img', 'src'),
      q: urlAttribute('q', 'cite'),
      blockquote: urlAttribute('blockquote', 'cite'),
    },
    // An image whose source was refused shows nothing; an empty link neither.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
  return sanitized.trim();
}

/** The first `<img src>` of an HTML fragment that resolves to an absolute http(s) URL. */
export function firstImageSrc(html: string | null | undefined, base: string | null): string | null {
  if (!html || !/<img/i.test(html)) return null;
  let found: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (found !== null || name !== 'img') return;
        const url = resolveUrl(attributes.src, base);
        if (isHttpUrl(url)) found = stripTrackingParams(url).href;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return found;
}
