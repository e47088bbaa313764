import iconv from 'iconv-lite';

export type SniffedFamily = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

// XML 1.0 appendix F: without a BOM, the first bytes of `<?xml` (or of any
// `<`) give away the code unit width and byte order.
const PATTERNS: readonly { bytes: readonly number[]; encoding: SniffedFamily }[] = [
  { bytes: [0x3c, 0x00, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0x00, 0x00, 0x00, 0x3c], encoding: 'utf-32be' },
  { bytes: [0x3c, 0x00, 0x3f, 0x00], encoding: 'utf-16le' },
  { bytes: [0x00, 0x3c, 0x00, 0x3f], encoding: 'utf-16be' },
];

/** The UTF-16/32 byte order an XML document without a BOM reveals by its first bytes, or null. */
export function sniffXmlFamily(bytes: Uint8Array): SniffedFamily | null {
  for (const { bytes: pattern, encoding } of PATTERNS) {
    if (pattern.every((byte, i) => bytes[i] === byte)) return encoding;
  }
  return null;
}

// Enough for any real declaration, also with generous whitespace.
const HEAD_CHARS = 512;

/**
 * The `encoding` pseudo-attribute of the XML declaration, as written, or null.
 * `family` says how to read the head: as an ASCII-compatible encoding when
 * null, else as the sniffed UTF-16/32 form.
 */
export function declaredXmlEncoding(bytes: Uint8Array, family: SniffedFamily | null): string | null {
  const width = family === null ? 1 : family.startsWith('utf-32') ? 4 : 2;
  const head = bytes.subarray(0, HEAD_CHARS * width);
  const text = family === null ? iconv.decode(head, 'latin1') : iconv.decode(head, family);
  // Leading whitespace is not allowed before the declaration, but feeds have
  // it and parsers cope, so it must not hide the encoding either.
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])\s*([^"'<>]*?)\s*\1/.exec(text);
  return match?.[2] || null;
}
