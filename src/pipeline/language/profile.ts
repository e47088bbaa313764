// One pass over a text that counts what the language decision needs: letters
// by script, letters each Cyrillic language lacks ("foreign" letters), the
// marker-letter groups each is expected to show, and distinctive function
// words. Written as a char-code loop over lookup tables because it runs on
// every item (see README.md for the budget); the tables come from rules.json.
import rules from './rules.json' with { type: 'json' };

export const CYRILLIC_LANGUAGES = ['ru', 'uk', 'be'] as const;
export type CyrillicLanguage = (typeof CYRILLIC_LANGUAGES)[number];
export type PerCyrillic = Record<CyrillicLanguage, number>;

const WORD_LANGUAGES = ['ru', 'uk', 'be', 'en', 'otherLatin'] as const;
type WordLanguage = (typeof WORD_LANGUAGES)[number];

/** A group of letters that sets `language` apart from `vs`, expected at `rate` per Cyrillic letter. */
export type MarkerGroup = { language: CyrillicLanguage; vs: CyrillicLanguage; rate: number };

export const MARKER_GROUPS: readonly MarkerGroup[] = CYRILLIC_LANGUAGES.flatMap((language) =>
  rules.markers[language].map((group) => ({ language, vs: group.vs as CyrillicLanguage, rate: group.rate })),
);

export type TextProfile = {
  /** Letters of any script seen (within the scanned prefix). */
  letters: number;
  latin: number;
  cyrillic: number;
  /** Letters of scripts we do not handle (Han, Arabic, Greek...). */
  other: number;
  /** Runs of letters. */
  words: number;
  /** Occurrences of letters (and in-word apostrophes) each language does not have. */
  foreign: PerCyrillic;
  /** Occurrences of each marker group, indexed like MARKER_GROUPS. */
  markers: number[];
  /** Distinctive function words found, per language. */
  functionWords: Record<WordLanguage, number>;
};

const CYRILLIC_FIRST = 0x0400;
const CYRILLIC_LAST = 0x052f;
const CYRILLIC_BYELORUSSIAN_I = 0x0456;

// Bits of the per-letter table: bit 0..2 foreign to ru/uk/be, then one bit per marker group.
const FOREIGN_BIT: PerCyrillic = { ru: 1, uk: 2, be: 4 };
const markerBit = (group: number): number => 8 << group;
const BIT_COUNT = 3 + MARKER_GROUPS.length;

const isCyrillicCode = (c: number): boolean => c >= CYRILLIC_FIRST && c <= CYRILLIC_LAST;

function buildLetterTable(): Uint16Array {
  const table = new Uint16Array(CYRILLIC_LAST - CYRILLIC_FIRST + 1);
  const mark = (letters: string, bit: number): void => {
    for (const letter of letters + letters.toUpperCase()) {
      const code = letter.charCodeAt(0);
      if (!isCyrillicCode(code)) throw new Error(`rules.json: ${letter} is not a Cyrillic letter`);
      table[code - CYRILLIC_FIRST]! |= bit;
    }
  };
  for (const language of CYRILLIC_LANGUAGES) mark(rules.foreignLetters[language], FOREIGN_BIT[language]);
  let group = 0;
  for (const language of CYRILLIC_LANGUAGES) {
    for (const marker of rules.markers[language]) mark(marker.letters, markerBit(group++));
  }
  return table;
}

/** What an apostrophe between two Cyrillic letters counts as. */
function apostropheBits(): number {
  let bits = 0;
  for (const language of rules.apostropheForeignTo) bits |= FOREIGN_BIT[language as CyrillicLanguage];
  let group = 0;
  for (const language of CYRILLIC_LANGUAGES) {
    for (const marker of rules.markers[language]) {
      if ('apostrophe' in marker && marker.apostrophe) bits |= markerBit(group);
      group++;
    }
  }
  return bits;
}

/**
 * The lower-case code of a letter as String.prototype.toLowerCase gives it,
 * for the scripts function words are written in (ASCII, Latin-1, Cyrillic);
 * -1 for anything else, which takes the slow path.
 */
export function lowerCode(c: number): number {
  if (c < 0x80) {
    if (c >= 0x61 && c <= 0x7a) return c;
    if (c >= 0x41 && c <= 0x5a) return c + 0x20;
    return -1;
  }
  if (c >= 0x430 && c <= 0x45f) return c;
  if (c >= 0x410 && c <= 0x42f) return c + 0x20;
  if (c >= 0x400 && c <= 0x40f) return c + 0x50;
  // Ѡ..ӿ: upper and lower alternate (even upper, odd lower) in this block, but for Ӏ and the ranges below.
  if (c >= 0x460 && c <= 0x4bf && c !== 0x482 && !(c >= 0x483 && c <= 0x489)) return c | 1;
  if (c >= 0xe0 && c <= 0xff && c !== 0xf7) return c;
  if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 0x20;
  return -1;
}

const hashStep = (hash: number, code: number): number => (Math.imul(hash, 31) + code) | 0;

type FunctionWord = { word: string; bits: number };

function buildWordTable(): {
  words: Map<string, number>;
  byHash: Map<number, FunctionWord[]>;
  maxLength: number;
} {
  const words = new Map<string, number>();
  let maxLength = 0;
  WORD_LANGUAGES.forEach((language, index) => {
    for (const word of rules.functionWords[language]) {
      words.set(word, (words.get(word) ?? 0) | (1 << index));
      maxLength = Math.max(maxLength, word.length);
    }
  });
  // Looked up by a hash of the lower-cased codes, so the scan slices and lower-cases no word.
  const byHash = new Map<number, FunctionWord[]>();
  for (const [word, bits] of words) {
    let hash = 0;
    for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
    const list = byHash.get(hash);
    if (list) list.push({ word, bits });
    else byHash.set(hash, [{ word, bits }]);
  }
  return { words, byHash, maxLength };
}

const LETTER_TABLE = buildLetterTable();
const APOSTROPHE_BITS = apostropheBits();
const APOSTROPHES = new Set([...rules.apostrophes].map((a) => a.charCodeAt(0)));
// Spaces and most punctuation lie below every apostrophe: no set lookup for them.
const APOSTROPHE_MIN = Math.min(...APOSTROPHES);
const { words: FUNCTION_WORDS, byHash: FUNCTION_WORDS_BY_HASH, maxLength: FUNCTION_WORD_MAX } = buildWordTable();
// Most words of a text are not function words: a bit per low 12 bits of the
// hash says which hashes can be one, so that most words skip the Map lookup.
const HASH_FILTER_MASK = 4095;
const FUNCTION_WORD_HASHES = new Uint8Array(HASH_FILTER_MASK + 1);
for (const hash of FUNCTION_WORDS_BY_HASH.keys()) FUNCTION_WORD_HASHES[hash & HASH_FILTER_MASK] = 1;
const OTHER_LETTER = /\p{L}/u;

// Script of a character, as returned by letterKind.
const NOT_LETTER = 0;
const LATIN = 1;
const CYRILLIC = 2;
const OTHER = 3;

function letterKind(c: number, text: string, i: number): number {
  if (c < 0x80) {
    const lower = c | 0x20;
    return lower >= 0x61 && lower <= 0x7a ? LATIN : NOT_LETTER;
  }
  if (c >= CYRILLIC_FIRST && c <= CYRILLIC_LAST) return CYRILLIC;
  if (c >= 0xc0 && c <= 0x24f) return c === 0xd7 || c === 0xf7 ? NOT_LETTER : LATIN;
  // ʼ (U+02BC) is a modifier letter to Unicode but an apostrophe to Ukrainian.
  if (APOSTROPHES.has(c) || c < 0x250) return NOT_LETTER;
  const cp = text.codePointAt(i) ?? c;
  return OTHER_LETTER.test(String.fromCodePoint(cp)) ? OTHER : NOT_LETTER;
}

/** Profiles at most the first `maxChars` characters of `text`. */
export function profileText(text: string, maxChars: number = rules.decision.scanMaxChars): TextProfile {
  const end = Math.min(text.length, maxChars);
  let latin = 0;
  let cyrillic = 0;
  let other = 0;
  let words = 0;
  const functionWords: Record<WordLanguage, number> = { ru: 0, uk: 0, be: 0, en: 0, otherLatin: 0 };
  // One counter per bit of the letter table: foreign to ru, uk, be, then the marker groups.
  // A plain array: a typed array costs more to allocate than a short item takes to scan.
  const bitCounts: number[] = [];
  for (let bit = 0; bit < BIT_COUNT; bit++) bitCounts.push(0);
  const addBits = (bits: number): void => {
    for (let bit = 0; bits !== 0; bit++, bits >>>= 1) if (bits & 1) bitCounts[bit]!++;
  };
  const countWord = (bits: number): void => {
    for (let index = 0; index < WORD_LANGUAGES.length; index++) if (bits & (1 << index)) functionWords[WORD_LANGUAGES[index]!]++;
  };
  /** The function word text[start, stop) is, lower-cased, or 0; `hash` of its lower-cased codes, or null when it has other letters. */
  const wordBits = (start: number, stop: number, hash: number | null): number => {
    // A letter outside the scripts lowerCode knows: lower-case it the slow way.
    if (hash === null) return FUNCTION_WORDS.get(text.slice(start, stop).toLowerCase()) ?? 0;
    if (FUNCTION_WORD_HASHES[hash & HASH_FILTER_MASK] === 0) return 0;
    const candidates = FUNCTION_WORDS_BY_HASH.get(hash);
    if (candidates === undefined) return 0;
    for (const { word, bits } of candidates) {
      if (word.length !== stop - start) continue;
      let same = true;
      for (let i = 0; i < word.length && same; i++) same = lowerCode(text.charCodeAt(start + i)) === word.charCodeAt(i);
      if (same) return bits;
    }
    return 0;
  };
  const endWord = (start: number, stop: number, hash: number, plain: boolean): void => {
    words++;
    if (stop - start > FUNCTION_WORD_MAX) return;
    const bits = wordBits(start, stop, plain ? hash : null);
    if (bits !== 0) countWord(bits);
  };

  let wordStart = -1;
  // The word's hash for the function-word lookup, built as the scan reads it; `plain` while lowerCode knows every letter.
  let wordHash = 0;
  let plain = true;
  let previous = 0;
  for (let i = 0; i < end; i++) {
    let c = text.charCodeAt(i);
    let kind = letterKind(c, text, i);
    if (kind !== NOT_LETTER) {
      if (wordStart < 0) {
        wordStart = i;
        wordHash = 0;
        plain = true;
      }
      if (plain) {
        const lower = lowerCode(c);
        if (lower < 0) plain = false;
        else wordHash = hashStep(wordHash, lower);
      }
    }
    // A Latin "i" typed inside a Cyrillic word is the Ukrainian/Belarusian і
    // (a common keyboard substitution), not an English letter.
    if (kind === LATIN && (c | 0x20) === 0x69 && (isCyrillicCode(previous) || isCyrillicCode(text.charCodeAt(i + 1)))) {
      kind = CYRILLIC;
      c = CYRILLIC_BYELORUSSIAN_I;
    }
    if (kind === NOT_LETTER) {
      if (c >= APOSTROPHE_MIN && APOSTROPHES.has(c) && isCyrillicCode(previous) && isCyrillicCode(text.charCodeAt(i + 1))) {
        addBits(APOSTROPHE_BITS);
      }
      if (wordStart >= 0) {
        endWord(wordStart, i, wordHash, plain);
        wordStart = -1;
      }
    } else {
      if (kind === CYRILLIC) {
        cyrillic++;
        addBits(LETTER_TABLE[c - CYRILLIC_FIRST]!);
      } else if (kind === LATIN) {
        latin++;
      } else {
        other++;
        // Astral letters take two UTF-16 units; skip the low surrogate.
        if (c >= 0xd800 && c <= 0xdbff) i++;
      }
    }
    previous = c;
  }
  if (wordStart >= 0) endWord(wordStart, end, wordHash, plain);

  const foreign: PerCyrillic = { ru: bitCounts[0]!, uk: bitCounts[1]!, be: bitCounts[2]! };
  const markers = MARKER_GROUPS.map((_, group) => bitCounts[3 + group]!);
  return { letters: latin + cyrillic + other, latin, cyrillic, other, words, foreign, markers, functionWords };
}
