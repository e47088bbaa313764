import iconv from 'iconv-lite';
import charsets from './charsets.json' with { type: 'json' };

/** Encodings whose byte order is still open: resolved from a BOM or a sniffed byte pattern. */
export type UnicodeFamily = 'utf-16' | 'utf-32';

const CANONICAL_BY_LABEL: ReadonlyMap<string, string> = new Map(
  Object.entries(charsets.aliases).flatMap(([canonical, labels]) => [
    [canonical, canonical] as const,
    ...labels.map((label) => [label, canonical] as const),
  ]),
);

const ICONV_NAMES: Readonly<Record<string, string>> = charsets.iconv;

/**
 * The `charset` parameter of a Content-Type header value, unquoted, or null.
 *
 * Lenient on purpose: servers write `charset = us-ascii`, `charset='us-ascii'`
 * and `charset= "us-ascii"`, and a malformed parameter (`charset:iso-8859-1`)
 * is ignored rather than fatal, so the XML declaration still gets its say.
 */
export function charsetFromContentType(contentType: string | null): string | null {
  if (contentType === null) return null;
  for (const param of contentType.split(';').slice(1)) {
    const match = /^\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"';,]+))/i.exec(param);
    if (match === null) continue;
    const label = (match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (label !== '') return label;
  }
  return null;
}

/**
 * The canonical lower-case name of an encoding label (`CP1251` → `windows-1251`,
 * `gb2312` → `gb18030`), or null when we cannot decode it. `utf-16`/`utf-32`
 * come back as such: only the bytes can tell their byte order.
 */
export function canonicalEncoding(label: string): string | null {
  const key = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (key === '') return null;
  const canonical = CANONICAL_BY_LABEL.get(key);
  if (canonical !== undefined) return canonical;
  // A label outside our table that iconv-lite still knows (e.g. `iso-8859-13`)
  // is better decoded than refused.
  return /^[a-z0-9][a-z0-9._:-]*$/.test(key) && iconv.encodingExists(key) ? key : null;
}

export function isUnicodeFamily(encoding: string): encoding is UnicodeFamily {
  return encoding === 'utf-16' || encoding === 'utf-32';
}

/** The iconv-lite codec name for a canonical encoding. */
export function iconvName(canonical: string): string {
  return ICONV_NAMES[canonical] ?? canonical;
}
