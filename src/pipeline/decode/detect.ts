import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { canonicalEncoding, iconvName } from './charset.ts';
import rules from './rules.json' with { type: 'json' };

/** How detection settled on an encoding. */
export type DetectionMethod = 'ascii' | 'utf-8' | 'cyrillic' | 'chardet' | 'fallback';

export type Detection = { encoding: string; method: DetectionMethod };

export const CYRILLIC_CANDIDATES: readonly string[] = rules.cyrillicCandidates;
const OTHER_SCRIPT_PAGES: readonly string[] = rules.otherScriptPages;

// chardet costs most of the time of a detection (about 4 ms per 16 KB); the
// first 16 KB of a feed already hold hundreds of its non-ASCII bytes.
const CHARDET_SAMPLE_BYTES = 16 * 1024;

// Only used when nothing at all can be said about the upper half of the bytes.
const FALLBACK_ENCODING = 'windows-1252';

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return null;
  }
}

export function hasUpperHalfBytes(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/** What the Cyrillic scorer needs from the bytes, gathered in one pass. */
export type ByteStats = {
  /** Count of each byte value; only 0x80..0xFF are read. */
  histogram: Uint32Array;
  upperBytes: number;
  /** Upper-half bytes with an ASCII letter right before or after them. */
  latinNeighbours: number;
};

const isAsciiLetter = (byte: number | undefined): boolean =>
  byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));

export function byteStats(bytes: Uint8Array): ByteStats {
  const histogram = new Uint32Array(256);
  let upperBytes = 0;
  let latinNeighbours = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    histogram[byte]!++;
    if (byte < 0x80) continue;
    upperBytes++;
    if (isAsciiLetter(bytes[i - 1]) || isAsciiLetter(bytes[i + 1])) latinNeighbours++;
  }
  return { histogram, upperBytes, latinNeighbours };
}

const LOWER_LOG_PROBABILITY: ReadonlyMap<string, number> = new Map(
  Object.entries(rules.letterFrequencies).map(([letter, percent]) => [letter, Math.log(percent / 100)]),
);
const UPPER_LOG_FACTOR = Math.log(rules.upperCaseShare);
const PUNCTUATION = new Set(rules.punctuation);
const PUNCTUATION_LOG_PROBABILITY = Math.log(rules.punctuationProbability);
const OTHER_LOG_PROBABILITY = Math.log(rules.otherProbability);

function charLogProbability(char: string): number {
  const lower = char.toLowerCase();
  const letter = LOWER_LOG_PROBABILITY.get(lower);
  if (letter !== undefined) return lower === char ? letter : letter + UPPER_LOG_FACTOR;
  return PUNCTUATION.has(char) ? PUNCTUATION_LOG_PROBABILITY : OTHER_LOG_PROBABILITY;
}

// Per code page: what each upper-half byte decodes to, as a log-probability
// under the Cyrillic letter model (index 0 is byte 0x80). Null for pages that
// are not single-byte, which the model cannot score.
const modelCache = new Map<string, Float64Array | null>();
const upperHalfCache = new Map<string, string | null>();

function upperHalf(encoding: string): string | null {
  let chars = upperHalfCache.get(encoding);
  if (chars === undefined) {
    const bytes = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    let decoded: string | null;
    try {
      decoded = iconv.decode(bytes, iconvName(encoding), { stripBOM: false });
    } catch {
      decoded = null;
    }
    chars = decoded !== null && [...decoded].length === 128 ? decoded : null;
    upperHalfCache.set(encoding, chars);
  }
  return chars;
}

function model(encoding: string): Float64Array | null {
  let scores = modelCache.get(encoding);
  if (scores === undefined) {
    const chars = upperHalf(encoding);
    scores = chars === null ? null : Float64Array.from([...chars], charLogProbability);
    modelCache.set(encoding, scores);
  }
  return scores;
}

/** Mean log-probability per upper-half byte of reading the bytes as `encoding` Cyrillic text; null if unscorable. */
export function cyrillicScore(stats: ByteStats, encoding: string): number | null {
  const scores = model(encoding);
  if (scores === null || stats.upperBytes === 0) return null;
  let total = 0;
  for (let byte = 0x80; byte <= 0xff; byte++) total += stats.histogram[byte]! * scores[byte - 0x80]!;
  return total / stats.upperBytes;
}

export type CyrillicRanking = { encoding: string; score: number }[];

/** The Cyrillic candidate code pages, best first. */
export function rankCyrillic(stats: ByteStats): CyrillicRanking {
  return CYRILLIC_CANDIDATES.map((encoding) => ({ encoding, score: cyrillicScore(stats, encoding) ?? -Infinity })).sort(
    (a, b) => b.score - a.score,
  );
}

/** Whether the upper-half bytes read as Cyrillic words rather than accents inside Latin words. */
export function looksCyrillic(stats: ByteStats, ranking: CyrillicRanking): boolean {
  if (stats.upperBytes === 0) return false;
  const best = ranking[0];
  return (
    stats.latinNeighbours / stats.upperBytes <= rules.maxLatinNeighbourShare &&
    best !== undefined &&
    best.score >= rules.minMeanLogProbability
  );
}

// Latin letters with diacritics: what a Cyrillic page's letters turn into
// when the bytes are read as a Western page (`Ïðèâåò`).
const isAccentedLatin = (char: string): boolean => char >= '\u00c0' && char <= '\u024f' && char !== '\u00d7' && char !== '\u00f7';

/**
 * Whether a declared single-byte encoding is plainly wrong for these bytes:
 * the bytes read as Cyrillic words, and the declared page either is another
 * Cyrillic page that the letter model rejects by a wide margin, or is a Latin
 * page that would turn those words into accented-Latin mojibake. Pages of
 * other scripts (Greek, Hebrew, Thai...) are never overruled: their words are
 * runs of upper-half bytes too.
 */
export function contradictsCyrillic(bytes: Uint8Array, declared: string): boolean {
  const chars = upperHalf(declared);
  if (chars === null) return false;
  const stats = byteStats(bytes);
  if (stats.upperBytes < rules.minUpperBytes) return false;
  const ranking = rankCyrillic(stats);
  const best = ranking[0];
  if (best === undefined || best.encoding === declared || !looksCyrillic(stats, ranking)) return false;
  if (CYRILLIC_CANDIDATES.includes(declared)) {
    const declaredScore = cyrillicScore(stats, declared) ?? -Infinity;
    return best.score - declaredScore >= rules.declaredMargin;
  }
  let accented = 0;
  for (let byte = 0x80; byte <= 0xff; byte++) {
    if (isAccentedLatin(chars[byte - 0x80]!)) accented += stats.histogram[byte]!;
  }
  return accented / stats.upperBytes >= 0.5;
}

/**
 * Guesses the encoding of bytes that carry no usable declaration.
 *
 * ASCII and valid UTF-8 are taken as UTF-8 (legacy Cyrillic text is
 * practically never valid UTF-8). Otherwise chardet votes, but the choice
 * among Cyrillic pages is the letter model's: chardet has no IBM866 and
 * mistakes short windows-1251 texts for ISO-8859-1, so bytes that read as
 * Cyrillic words overrule a Latin verdict of chardet's (see rules.json).
 */
export function detectEncoding(bytes: Uint8Array): Detection {
  if (!hasUpperHalfBytes(bytes)) return { encoding: 'utf-8', method: 'ascii' };
  if (decodeUtf8Strict(bytes) !== null) return { encoding: 'utf-8', method: 'utf-8' };
  const stats = byteStats(bytes);
  const ranking = rankCyrillic(stats);
  // UTF-* names are left out: without a BOM chardet cannot see them, and
  // UTF-8 has been ruled out above.
  const chardetPick = analyse(bytes.subarray(0, CHARDET_SAMPLE_BYTES))
    .map((match) => canonicalEncoding(match.name))
    .find((name): name is string => name !== null && !name.startsWith('utf-'));
  const chardetSaysCyrillic = chardetPick !== undefined && CYRILLIC_CANDIDATES.includes(chardetPick);
  const chardetSaysOtherScript = chardetPick !== undefined && OTHER_SCRIPT_PAGES.includes(chardetPick);
  const best = ranking[0];
  if (best !== undefined && (chardetSaysCyrillic || (!chardetSaysOtherScript && looksCyrillic(stats, ranking)))) {
    return { encoding: best.encoding, method: 'cyrillic' };
  }
  if (chardetPick !== undefined) return { encoding: chardetPick, method: 'chardet' };
  return { encoding: FALLBACK_ENCODING, method: 'fallback' };
}
