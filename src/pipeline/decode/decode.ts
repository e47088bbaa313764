import iconv from 'iconv-lite';
import { fail, ok, type DecodedFeed, type EncodingSource, type Result } from '../model.ts';
import { sniffBom } from './bom.ts';
import { canonicalEncoding, charsetFromContentType, iconvName, isUnicodeFamily } from './charset.ts';
import { contradictsCyrillic, decodeUtf8Strict, detectEncoding, hasUpperHalfBytes } from './detect.ts';
import { repairC1Controls, repairKoi8rText } from './repair.ts';
import repairs from './repairs.json' with { type: 'json' };
import { declaredXmlEncoding, sniffXmlFamily, type SniffedFamily } from './xmlDeclaration.ts';

/** Encodings whose text gets C1 controls read as windows-1252 (repairs.json). */
const C1_ENCODINGS: ReadonlySet<string> = new Set(repairs.c1.encodings);

type Claim = { label: string; source: Exclude<EncodingSource, 'detected' | 'default'> };

/**
 * Turns the bytes of a fetched feed into text.
 *
 * Evidence, strongest first: a BOM; the HTTP `charset`; the XML declaration
 * (or, without a BOM, the UTF-16/32 byte pattern of `<?xml`, XML 1.0
 * appendix F); detection; UTF-8. This is RFC 7303's order: a charset
 * parameter beats the declaration. For `text/*` types without a charset,
 * RFC 7303 (unlike RFC 3023 before it) no longer defaults to US-ASCII, so
 * the XML declaration decides there as for `application/*`; the media type
 * itself therefore plays no part.
 *
 * A claim the bytes contradict is passed over for the next one: the bytes
 * do not decode in it (invalid UTF-8, U+FFFD, NUL), a legacy page is claimed
 * for bytes that are valid multi-byte UTF-8 (a server's default charset on a
 * UTF-8 feed), or a page is claimed for bytes that the Cyrillic letter model
 * reads plainly better in another page. KOI8-R text gets the windows-1251
 * punctuation bytes it often carries read as windows-1251, and Latin-1 and
 * Unicode text its C1 controls (ISO-8859-1 bytes 0x80-0x9F) read as
 * windows-1252 punctuation, as browsers do (repair.ts, reported in `repaired`). The text never carries a BOM; the
 * XML declaration is left as it is (rss-parser ignores its encoding once it
 * is given a string, see decode.test.ts).
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): Result<DecodedFeed> {
  if (bytes.length === 0) return fail('decode_empty', 'The feed body is empty (0 bytes): there is no text to decode.');

  const bom = sniffBom(bytes);
  const body = bom === null ? bytes : bytes.subarray(bom.length);
  const family: SniffedFamily | null =
    bom === null ? sniffXmlFamily(body) : bom.encoding === 'utf-8' ? null : bom.encoding;

  const claims: Claim[] = [];
  if (bom !== null) claims.push({ label: bom.encoding, source: 'bom' });
  const httpCharset = charsetFromContentType(contentType);
  if (httpCharset !== null) claims.push({ label: httpCharset, source: 'http' });
  const xmlLabel = declaredXmlEncoding(body, family);
  // Bytes shaped like UTF-16/32 `<?xml` are that encoding whatever the
  // declaration spells (`utf-16`, `u16`, nothing at all).
  if (bom === null && family !== null) claims.push({ label: family, source: 'xml' });
  else if (xmlLabel !== null) claims.push({ label: xmlLabel, source: 'xml' });

  const unsupported: Claim[] = [];
  for (const claim of claims) {
    const canonical = canonicalEncoding(claim.label);
    if (canonical === null) {
      unsupported.push(claim);
      continue;
    }
    const encoding = isUnicodeFamily(canonical) ? resolveByteOrder(canonical, family) : canonical;
    const text = decodeStrict(body, encoding);
    if (text !== null && !contradicted(body, encoding, text)) return ok(decoded(text, encoding, claim.source));
  }

  const detection = detectEncoding(body);
  const firstUnsupported = unsupported[0];
  if (
    firstUnsupported !== undefined &&
    detection.method !== 'ascii' &&
    detection.method !== 'utf-8' &&
    detection.method !== 'cyrillic'
  ) {
    // A named encoding we cannot decode, over bytes that are neither
    // ASCII, UTF-8 nor recognisably Cyrillic: a guess would be mojibake.
    // A bogus name over plain ASCII or UTF-8 bytes is harmless and ignored.
    const where = firstUnsupported.source === 'http' ? 'the HTTP Content-Type charset' : 'the XML declaration';
    return fail(
      'decode_unsupported_encoding',
      `The feed's encoding "${firstUnsupported.label}" (from ${where}) is not supported, and the bytes are not UTF-8 or Cyrillic text that could be detected instead.`,
    );
  }
  const source: EncodingSource = detection.method === 'ascii' ? 'default' : 'detected';
  return ok(decoded(decodeLenient(body, detection.encoding), detection.encoding, source));
}

function decoded(text: string, encoding: string, encodingSource: EncodingSource): DecodedFeed {
  // A BOM can survive inside the body when a claim other than the BOM won
  // (e.g. HTTP says utf-16le for bytes that start with FF FE).
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { text: repairedText, repaired } =
    encoding === 'koi8-r' ? repairKoi8rText(withoutBom) : C1_ENCODINGS.has(encoding) ? repairC1Controls(withoutBom) : { text: withoutBom, repaired: null };
  return { text: repairedText, encoding, encodingSource, ...(repaired ? { repaired } : {}) };
}

// UTF-16 and UTF-32 without a stated byte order: the one the bytes showed,
// else big-endian, the RFC 2781 default.
function resolveByteOrder(encoding: 'utf-16' | 'utf-32', family: SniffedFamily | null): string {
  return family !== null && family.startsWith(encoding) ? family : `${encoding}be`;
}

/** The text, or null when the bytes are not valid in `encoding`. */
function decodeStrict(bytes: Uint8Array, encoding: string): string | null {
  // TextDecoder is the only decoder here that reports invalid UTF-8 instead
  // of replacing it; iconv-lite decodes everything else.
  if (encoding === 'utf-8') return decodeUtf8Strict(bytes);
  const text = decodeLenient(bytes, encoding);
  // U+FFFD marks bytes the page does not define; NUL cannot occur in XML and
  // shows that the code unit width is wrong.
  return text.includes('\ufffd') || text.includes('\u0000') ? null : text;
}

function decodeLenient(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(bytes, iconvName(encoding), { stripBOM: false });
}

function contradicted(bytes: Uint8Array, encoding: string, text: string): boolean {
  // Read with the wrong code unit width, `<?xml` turns into CJK ideographs
  // that pass every other check; a feed's first character is `<`.
  if (encoding.startsWith('utf-16') || encoding.startsWith('utf-32')) return !/^\ufeff?\s*</.test(text);
  if (encoding === 'utf-8') return false;
  // Legacy text is practically never valid UTF-8 once it has upper-half
  // bytes, so such bytes are UTF-8 whatever the server claims.
  if (hasUpperHalfBytes(bytes) && decodeUtf8Strict(bytes) !== null) return true;
  // Only single-byte pages are scored; multi-byte ones are never overruled.
  return contradictsCyrillic(bytes, encoding);
}
