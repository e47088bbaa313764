// Makes a decoded feed text safe and acceptable for a strict XML parser
// (xml2js over sax, inside rss-parser), in one pass over the text:
//
// - the DOCTYPE goes, always: nothing is ever fetched (no external DTD, no
//   external entity), and a document whose internal subset could expand
//   without bound ("billion laughs": nested entity references, huge values,
//   many declarations) is refused as `xml_entity_bomb`. Small internal
//   entities (`<!ENTITY id "tag:example.com,">`) are expanded here, under a
//   size budget; references to external entities become empty text.
// - named HTML entities (`&nbsp;`, `&laquo;`...), which strict XML rejects,
//   become numeric references from a data table; unknown names and bare `&`
//   become literal text (`&amp;`). CDATA sections and comments are copied
//   untouched, and `&amp;nbsp;` stays text (`&nbsp;` once decoded), never a
//   no-break space.
// - element and attribute names are rewritten to canonical prefixes by
//   namespace URI (namespaces.json), so a feed in the userland RSS 2
//   namespace or with odd prefixes reads like any other.
// - elements that carry HTML and hold child elements (Atom xhtml content,
//   inline XHTML) are turned into CDATA text, keeping their markup in order.
// - limits: size, depth and item count are checked before any object model
//   is built.
import { fail, ok, type FeedFormat, type Result } from '../model.ts';
import entityData from './html-entities.json' with { type: 'json' };
import namespaceData from './namespaces.json' with { type: 'json' };

export type ParseLimits = {
  /** Longest accepted document, in UTF-16 code units. */
  maxChars: number;
  maxItems: number;
  maxDepth: number;
  maxEntityDeclarations: number;
  maxEntityValueChars: number;
  /** Total text that entity references may expand to in one document. */
  maxEntityExpansionChars: number;
};

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxChars: 20 * 1024 * 1024,
  maxItems: 10_000,
  maxDepth: 256,
  maxEntityDeclarations: 64,
  maxEntityValueChars: 4096,
  maxEntityExpansionChars: 1024 * 1024,
};

export type RootElement = {
  /** Canonical name: `rss`, `rdf:RDF`, `feed`, or whatever else the document had. */
  name: string;
  namespace: string | null;
  attributes: Record<string, string>;
};

export type PreparedXml = {
  xml: string;
  root: RootElement;
  format: FeedFormat;
  itemCount: number;
  hasChannel: boolean;
};

const HTML_ENTITIES: Record<string, number[]> = entityData.entities;
const XML_PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const CORE_NAMESPACES = new Set(namespaceData.core);
const ATOM_NAMESPACES = new Set(namespaceData.atom);
const RSS090_NAMESPACES = new Set(namespaceData.rss090);
const MODULE_PREFIXES: Record<string, string> = namespaceData.modules;
const RESERVED_PREFIXES = new Set(Object.values(MODULE_PREFIXES));
const ATOM_RENAMES: Record<string, string> = {
  published: namespaceData.atomCoreRenames.published,
  updated: namespaceData.atomCoreRenames.updated,
};
const HTML_ELEMENTS = new Set(namespaceData.htmlElements.names);
const RDF_NAMESPACE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** Set on an element whose child elements were turned into HTML text. */
export const INLINE_MARKUP_ATTRIBUTE = 'x-inline-markup';

type Entity = { kind: 'internal'; value: string } | { kind: 'external' };

type NamespaceScope = Map<string, string>;

type OpenElement = { canonical: string; scope: NamespaceScope };

type Tag = {
  qname: string;
  attributes: Array<[string, string]>;
  selfClosing: boolean;
  /** Index just past the closing `>`. */
  end: number;
};

function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

const REPLACEMENT_REF = '&#65533;';

// A reference to a C1 control (`&#146;`) means the windows-1252 character of
// that byte, as HTML reads it (and as decode reads the raw bytes).
const WINDOWS_1252 = new TextDecoder('windows-1252');
function c1Reference(codePoint: number): string | null {
  if (codePoint < 0x80 || codePoint > 0x9f) return null;
  const character = WINDOWS_1252.decode(Uint8Array.of(codePoint));
  return character.charCodeAt(0) === codePoint ? null : `&#${character.codePointAt(0)};`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

class Refused extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Reads the DOCTYPE starting at `start` (`<!DOCTYPE`); returns its end and its internal subset. */
function readDoctype(text: string, start: number): { end: number; subset: string | null } | null {
  let i = start + '<!DOCTYPE'.length;
  let quote: string | null = null;
  while (i < text.length) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[') {
      const subsetStart = i + 1;
      let j = subsetStart;
      let inner: string | null = null;
      while (j < text.length) {
        const d = text[j];
        if (inner) {
          if (d === inner) inner = null;
        } else if (text.startsWith('<!--', j)) {
          const close = text.indexOf('-->', j + 4);
          if (close === -1) return null;
          j = close + 3;
          continue;
        } else if (d === '"' || d === "'") {
          inner = d;
        } else if (d === ']') {
          break;
        }
        j++;
      }
      if (j >= text.length) return null;
      const close = text.indexOf('>', j);
      if (close === -1) return null;
      return { end: close + 1, subset: text.slice(subsetStart, j) };
    } else if (c === '>') {
      return { end: i + 1, subset: null };
    }
    i++;
  }
  return null;
}

const ENTITY_DECLARATION =
  /<!ENTITY\s+(%\s+)?([^\s%;"'>]+)\s+(?:"([^"]*)"|'([^']*)'|(?:SYSTEM|PUBLIC)\b(?:\s*"[^"]*"|\s*'[^']*')*)\s*(?:NDATA\s+[^\s>]+\s*)?>/g;

/** Entity declarations of an internal subset, or a refusal when they could expand without bound. */
function readEntities(subset: string, limits: ParseLimits): Map<string, Entity> {
  const withoutComments = subset.replace(/<!--[\s\S]*?-->/g, ' ');
  const general = new Map<string, Entity>();
  const parameterNames = new Set<string>();
  const values: string[] = [];
  let declarations = 0;
  for (const match of withoutComments.matchAll(ENTITY_DECLARATION)) {
    declarations++;
    const isParameter = Boolean(match[1]);
    const name = match[2] ?? '';
    const value = match[3] ?? match[4];
    if (value !== undefined) {
      if (value.length > limits.maxEntityValueChars) {
        throw new Refused('xml_entity_bomb', `entity "${name}" declares a ${value.length}-character value (limit ${limits.maxEntityValueChars})`);
      }
      values.push(value);
    }
    if (isParameter) {
      parameterNames.add(name);
    } else if (!general.has(name)) {
      general.set(name, value === undefined ? { kind: 'external' } : { kind: 'internal', value });
    }
  }
  if (declarations > limits.maxEntityDeclarations) {
    throw new Refused('xml_entity_bomb', `the DOCTYPE declares ${declarations} entities (limit ${limits.maxEntityDeclarations})`);
  }
  for (const value of values) {
    for (const ref of value.matchAll(/([&%])([^\s&%;#]+);/g)) {
      const name = ref[2] ?? '';
      if (ref[1] === '%' ? parameterNames.has(name) : general.has(name)) {
        throw new Refused('xml_entity_bomb', `entity values refer to other entities ("${ref[0]}"): nested expansion refused`);
      }
    }
  }
  return general;
}

function readTag(text: string, start: number): Tag | null {
  const nameMatch = /[^\s/>]+/y;
  nameMatch.lastIndex = start + 1;
  const name = nameMatch.exec(text);
  if (!name) return null;
  const attributes: Array<[string, string]> = [];
  let i = nameMatch.lastIndex;
  const attrName = /[^\s=/>"']+/y;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    const c = text[i];
    if (c === '>') return { qname: name[0], attributes, selfClosing: false, end: i + 1 };
    if (c === '/' && text[i + 1] === '>') return { qname: name[0], attributes, selfClosing: true, end: i + 2 };
    attrName.lastIndex = i;
    const attr = attrName.exec(text);
    if (!attr) return null;
    i = attrName.lastIndex;
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (text[i] !== '=') return null;
    i++;
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") return null;
    const close = text.indexOf(quote, i + 1);
    if (close === -1) return null;
    attributes.push([attr[0], text.slice(i + 1, close)]);
    i = close + 1;
  }
  return null;
}

function splitName(qname: string): [string, string] {
  const colon = qname.indexOf(':');
  return colon === -1 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

type Context = {
  entities: Map<string, Entity>;
  expanded: number;
  limits: ParseLimits;
  atomRoot: boolean;
  /** Characters the HTML-element look-ahead may still read (see findClose). */
  lookahead: { chars: number };
  /** Pre-standard Atom drafts used other namespaces (necho, pie, echo): the root's own counts as Atom. */
  rootNamespace: string | null;
};

/** Rewrites `&...;` references in text or an attribute value so that strict XML accepts them. */
function fixReferences(segment: string, context: Context): string {
  if (!segment.includes('&')) return segment;
  return segment.replace(
    /&(?:#([0-9]+);|#[xX]([0-9a-fA-F]+);|([A-Za-z_][\w.:-]*);)?/g,
    (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (decimal !== undefined || hex !== undefined) {
        const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
        if (!isXmlChar(codePoint)) return REPLACEMENT_REF;
        const windows1252 = c1Reference(codePoint);
        if (windows1252 !== null) return windows1252;
        return decimal !== undefined ? whole : `&#x${hex};`;
      }
      if (name === undefined) return '&amp;';
      if (XML_PREDEFINED.has(name)) return whole;
      const declared = context.entities.get(name);
      if (declared) {
        if (declared.kind === 'external') return '';
        context.expanded += declared.value.length;
        if (context.expanded > context.limits.maxEntityExpansionChars) {
          throw new Refused(
            'xml_entity_bomb',
            `entity references expand to more than ${context.limits.maxEntityExpansionChars} characters`,
          );
        }
        // Values cannot refer to declared entities (refused earlier), so one level suffices.
        return fixReferences(declared.value, { ...context, entities: new Map() });
      }
      const codePoints = HTML_ENTITIES[name];
      if (codePoints) return codePoints.map((cp) => `&#${cp};`).join('');
      return `&amp;${name};`;
    },
  );
}

function canonicalName(qname: string, scope: NamespaceScope, context: Context, isAttribute: boolean): string {
  const [prefix, local] = splitName(qname);
  if (prefix === 'xml' || prefix === 'xmlns' || qname === 'xmlns') return qname;
  if (isAttribute && prefix === '') return qname;
  const uri = scope.get(prefix) ?? (prefix === '' ? '' : undefined);
  // An undeclared prefix is kept as written: the name still means what its author meant.
  if (uri === undefined) return qname;
  if (CORE_NAMESPACES.has(uri) || (context.atomRoot && (ATOM_NAMESPACES.has(uri) || uri === context.rootNamespace))) {
    if (context.atomRoot && !isAttribute) return ATOM_RENAMES[local] ?? local;
    return local;
  }
  const known = MODULE_PREFIXES[uri];
  if (known) return `${known}:${local}`;
  if (prefix === '') return local;
  return RESERVED_PREFIXES.has(prefix) ? `ns-${prefix}:${local}` : qname;
}

function withDeclarations(scope: NamespaceScope, attributes: Array<[string, string]>): NamespaceScope {
  let next: NamespaceScope | null = null;
  for (const [name, value] of attributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      next ??= new Map(scope);
      next.set(name === 'xmlns' ? '' : name.slice(6), value.trim());
    }
  }
  return next ?? scope;
}

/**
 * Index of the `</...>` that closes the element whose content starts at
 * `from`, and whether it holds elements; null at a mismatched end tag or
 * the end of the text. Every character looked at is taken from `budget`, so
 * a hostile document (thousands of unclosed elements) cannot make the
 * look-ahead quadratic: with the budget spent, nothing more is wrapped.
 */
function findClose(
  text: string,
  from: number,
  budget: { chars: number },
): { closeStart: number; closeEnd: number; hasElements: boolean } | null {
  const open: string[] = [];
  let hasElements = false;
  let i = from;
  const result = (value: { closeStart: number; closeEnd: number; hasElements: boolean } | null) => {
    budget.chars -= (value?.closeEnd ?? i) - from;
    return value;
  };
  while (i < text.length) {
    if (budget.chars - (i - from) < 0) return result(null);
    const lt = text.indexOf('<', i);
    if (lt === -1) return result(null);
    i = lt;
    if (text.startsWith('<!--', lt)) {
      const c = text.indexOf('-->', lt + 4);
      if (c === -1) return result(null);
      i = c + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const c = text.indexOf(']]>', lt + 9);
      if (c === -1) return result(null);
      i = c + 3;
    } else if (text.startsWith('<?', lt)) {
      const c = text.indexOf('?>', lt + 2);
      if (c === -1) return result(null);
      i = c + 2;
    } else if (text[lt + 1] === '/') {
      const gt = text.indexOf('>', lt);
      if (gt === -1) return result(null);
      if (open.length === 0) return result({ closeStart: lt, closeEnd: gt + 1, hasElements });
      // A mismatched end tag: the document is not well-formed here; let the XML parser say so.
      if (open.pop() !== text.slice(lt + 2, gt).trim()) return result(null);
      i = gt + 1;
    } else {
      const tag = readTag(text, lt);
      if (!tag) return result(null);
      hasElements = true;
      if (!tag.selfClosing) open.push(tag.qname);
      i = tag.end;
    }
  }
  return result(null);
}

/** Inner XML markup of an HTML-bearing element, as HTML text. */
function innerToHtml(inner: string, context: Context): string {
  let html = '';
  let i = 0;
  while (i < inner.length) {
    const lt = inner.indexOf('<', i);
    const textEnd = lt === -1 ? inner.length : lt;
    if (textEnd > i) html += fixReferences(inner.slice(i, textEnd), context);
    if (lt === -1) break;
    if (inner.startsWith('<!--', lt)) {
      const c = inner.indexOf('-->', lt + 4);
      const end = c === -1 ? inner.length : c + 3;
      html += '\n'.repeat(inner.slice(lt, end).split('\n').length - 1);
      i = end;
    } else if (inner.startsWith('<![CDATA[', lt)) {
      const c = inner.indexOf(']]>', lt + 9);
      const end = c === -1 ? inner.length : c;
      html += escapeText(inner.slice(lt + 9, end));
      i = c === -1 ? inner.length : c + 3;
    } else if (inner.startsWith('<?', lt)) {
      const c = inner.indexOf('?>', lt + 2);
      i = c === -1 ? inner.length : c + 2;
    } else if (inner[lt + 1] === '/') {
      const gt = inner.indexOf('>', lt);
      const name = inner.slice(lt + 2, gt === -1 ? inner.length : gt).trim();
      html += `</${splitName(name)[1]}>`;
      i = gt === -1 ? inner.length : gt + 1;
    } else {
      const tag = readTag(inner, lt);
      if (!tag) {
        html += '&lt;';
        i = lt + 1;
        continue;
      }
      // The XHTML is re-read as HTML, where prefixes mean nothing: <xhtml:p> is <p>.
      const attributes = tag.attributes
        .filter(([name]) => name !== 'xmlns' && !name.startsWith('xmlns:'))
        .map(([name, value]) => ` ${name}="${fixReferences(value, context).replace(/"/g, '&quot;')}"`)
        .join('');
      html += `<${splitName(tag.qname)[1]}${attributes}${tag.selfClosing ? ' /' : ''}>`;
      i = tag.end;
    }
  }
  return html;
}

function detectFormat(root: RootElement, defaultNamespace: string | null): Result<FeedFormat> {
  const local = splitName(root.name)[1];
  if (local === 'rss') {
    const version = (root.attributes.version ?? '').trim();
    return ok(version.startsWith('0.9') ? 'rss09' : 'rss2');
  }
  if (local === 'RDF' && (root.namespace === RDF_NAMESPACE || root.name === 'rdf:RDF')) {
    return ok(defaultNamespace !== null && RSS090_NAMESPACES.has(defaultNamespace) ? 'rss09' : 'rss1');
  }
  if (local === 'feed') {
    // Only Atom ever called its root <feed>; drafts before 1.0 used several namespaces.
    return ok('atom');
  }
  if (local.toLowerCase() === 'html') return fail('not_a_feed', 'the document is an HTML page, not a feed');
  return fail('not_a_feed', `the root element <${root.name}> is not rss, rdf:RDF or an Atom feed`);
}

/**
 * Prepares a decoded feed text for the strict XML parser; see the file
 * comment. Fails with `feed_empty`, `feed_too_large`, `feed_too_many_items`,
 * `not_a_feed`, `xml_entity_bomb`, `xml_too_deep` or `xml_malformed`.
 */
export function prepareXml(input: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Result<PreparedXml> {
  if (input.length > limits.maxChars) {
    return fail('feed_too_large', `the document has ${input.length} characters (limit ${limits.maxChars})`);
  }
  // Characters XML forbids outright (C0 controls, U+FFFE/U+FFFF) are dropped: they carry nothing.
  const text = input.replace(/^\uFEFF/, '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  const start = text.search(/\S/);
  if (start === -1) return fail('feed_empty', 'the document is empty');
  if (text[start] !== '<') {
    return fail('not_a_feed', text[start] === '{' || text[start] === '[' ? 'the document is JSON, not XML' : 'the document does not start with markup');
  }
  try {
    return prepareMarkup(text, limits);
  } catch (error) {
    if (error instanceof Refused) return fail(error.code, error.message);
    throw error;
  }
}

function prepareMarkup(text: string, limits: ParseLimits): Result<PreparedXml> {
  const context: Context = {
    entities: new Map(),
    expanded: 0,
    limits,
    atomRoot: false,
    rootNamespace: null,
    lookahead: { chars: 4 * text.length + 4096 },
  };
  const out: string[] = [];
  const stack: OpenElement[] = [];
  let root: RootElement | null = null;
  let format: FeedFormat | null = null;
  let itemCount = 0;
  let hasChannel = false;
  const rootScope: NamespaceScope = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);
  const malformed = (reason: string, offset: number) => fail<PreparedXml>('xml_malformed', `${reason} at ${position(text, offset)}`);

  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt === -1 ? text.length : lt;
    if (textEnd > i) out.push(fixReferences(text.slice(i, textEnd), context));
    if (lt === -1) break;

    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close === -1) return malformed('unterminated comment', lt);
      out.push(text.slice(lt, close + 3));
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close === -1) return malformed('unterminated CDATA section', lt);
      out.push(text.slice(lt, close + 3));
      i = close + 3;
    } else if (text.startsWith('<?', lt)) {
      const close = text.indexOf('?>', lt + 2);
      if (close === -1) return malformed('unterminated processing instruction', lt);
      out.push(text.slice(lt, close + 2));
      i = close + 2;
    } else if (/^<!DOCTYPE/i.test(text.slice(lt, lt + 9))) {
      if (root) return malformed('DOCTYPE after the root element', lt);
      const doctype = readDoctype(text, lt);
      if (!doctype) return malformed('unterminated DOCTYPE', lt);
      if (doctype.subset !== null) context.entities = readEntities(doctype.subset, limits);
      // Newlines are kept so that sax's line numbers still point into the original text.
      out.push('\n'.repeat(text.slice(lt, doctype.end).split('\n').length - 1));
      i = doctype.end;
    } else if (text[lt + 1] === '!') {
      return malformed('unexpected markup declaration', lt);
    } else if (text[lt + 1] === '/') {
      const gt = text.indexOf('>', lt);
      if (gt === -1) {
        // A document cut off right before the root end tag's `>` (`...</rss`)
        // has lost nothing: close the root. Any other unterminated tag may
        // have lost content and stays an error.
        const rest = text.slice(lt + 2).trim();
        const open = stack.length === 1 ? stack[0]! : null;
        if (open && root && /^[A-Za-z_][\w.:-]*$/.test(rest) && canonicalName(rest, open.scope, context, false) === open.canonical) {
          out.push(`</${open.canonical}>`);
          stack.pop();
          break;
        }
        return malformed('unterminated end tag', lt);
      }
      const open = stack.pop();
      if (!open) return malformed('end tag with no open element', lt);
      const qname = text.slice(lt + 2, gt).trim();
      out.push(`</${canonicalName(qname, open.scope, context, false)}>`);
      i = gt + 1;
    } else {
      const tag = readTag(text, lt);
      if (!tag) return malformed('malformed start tag', lt);
      const parentScope = stack.at(-1)?.scope ?? rootScope;
      const scope = withDeclarations(parentScope, tag.attributes);
      if (!root) {
        if (stack.length === 0 && out.some((part) => part.trim() !== '' && !part.startsWith('<'))) {
          return malformed('text before the root element', lt);
        }
        const [prefix, local] = splitName(tag.qname);
        const namespace = scope.get(prefix) ?? null;
        root = {
          name: tag.qname,
          namespace,
          attributes: Object.fromEntries(tag.attributes),
        };
        const detected = detectFormat(root, scope.get('') ?? null);
        if (!detected.ok) return detected;
        format = detected.value;
        context.atomRoot = format === 'atom';
        context.rootNamespace = namespace;
        root.name = format === 'atom' ? 'feed' : local === 'rss' ? 'rss' : 'rdf:RDF';
      }
      const canonical = stack.length === 0 && root ? root.name : canonicalName(tag.qname, scope, context, false);
      if (canonical === 'item' || canonical === 'entry') {
        itemCount++;
        if (itemCount > limits.maxItems) {
          return fail('feed_too_many_items', `the feed has more than ${limits.maxItems} items`);
        }
      }
      if (canonical === 'channel') hasChannel = true;
      const attributes = tag.attributes
        .map(([name, value]) => ` ${canonicalName(name, scope, context, true)}="${fixReferences(value, context).replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`)
        .join('');
      if (tag.selfClosing) {
        out.push(`<${canonical}${attributes}/>`);
        i = tag.end;
        continue;
      }
      if (stack.length >= limits.maxDepth) {
        return fail('xml_too_deep', `elements nest deeper than ${limits.maxDepth} levels at ${position(text, lt)}`);
      }
      if (HTML_ELEMENTS.has(canonical) && stack.length > 0) {
        const close = findClose(text, tag.end, context.lookahead);
        if (close?.hasElements) {
          const html = innerToHtml(text.slice(tag.end, close.closeStart), context);
          // The marker tells the mapper this text is markup whatever its type attribute says.
          out.push(`<${canonical}${attributes} ${INLINE_MARKUP_ATTRIBUTE}="true"><![CDATA[${html.replace(/]]>/g, ']]]]><![CDATA[>')}]]></${canonical}>`);
          i = close.closeEnd;
          continue;
        }
      }
      out.push(`<${canonical}${attributes}>`);
      stack.push({ canonical, scope });
      i = tag.end;
    }
  }
  if (!root || !format) return fail('feed_empty', 'the document has no root element');
  return ok({ xml: out.join(''), root, format, itemCount, hasChannel });
}

export { escapeText };
