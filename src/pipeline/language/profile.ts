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

function buildWordTable(): { words: Map<string, number>; maxLength: number } {
  const words = new Map<string, number>();
  let maxLength = 0;
  WORD_LANGUAGES.forEach((language, index) => {
    for (const word of rules.functionWords[language]) {
      words.set(word, (words.get(word) ?? 0) | (1 << index));
      maxLength = Math.max(maxLength, word.length);
    }
  });
  return { words, maxLength };
}

const LETTER_TABLE = buildLetterTable();
const APOSTROPHE_BITS = apostropheBits();
const APOSTROPHES = new Set([...rules.apostrophes].map((a) => a.charCodeAt(0)));
const { words: FUNCTION_WORDS, maxLength: FUNCTION_WORD_MAX } = buildWordTable();
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
  const foreign: PerCyrillic = { ru: 0, uk: 0, be: 0 };
  const markers = MARKER_GROUPS.map(() => 0);
  const functionWords: Record<WordLanguage, number> = { ru: 0, uk: 0, be: 0, en: 0, otherLatin: 0 };

  const addBits = (bits: number): void => {
    if (bits === 0) return;
    if (bits & FOREIGN_BIT.ru) foreign.ru++;
    if (bits & FOREIGN_BIT.uk) foreign.uk++;
    if (bits & FOREIGN_BIT.be) foreign.be++;
    for (let group = 0; group < markers.length; group++) if (bits & markerBit(group)) markers[group]!++;
  };
  const endWord = (start: number, stop: number): void => {
    words++;
    if (stop - start > FUNCTION_WORD_MAX) return;
    const bits = FUNCTION_WORDS.get(text.slice(start, stop).toLowerCase());
    if (bits === undefined) return;
    WORD_LANGUAGES.forEach((language, index) => {
      if (bits & (1 << index)) functionWords[language]++;
    });
  };

  let wordStart = -1;
  let previous = 0;
  for (let i = 0; i < end; i++) {
    let c = text.charCodeAt(i);
    let kind = letterKind(c, text, i);
    // A Latin "i" typed inside a Cyrillic word is the Ukrainian/Belarusian і
    // (a common keyboard substitution), not an English letter.
    if (kind === LATIN && (c | 0x20) === 0x69 && (isCyrillicCode(previous) || isCyrillicCode(text.charCodeAt(i + 1)))) {
      kind = CYRILLIC;
      c = CYRILLIC_BYELORUSSIAN_I;
    }
    if (kind === NOT_LETTER) {
      if (APOSTROPHES.has(c) && isCyrillicCode(previous) && isCyrillicCode(text.charCodeAt(i + 1))) {
        addBits(APOSTROPHE_BITS);
      }
      if (wordStart >= 0) {
        endWord(wordStart, i);
        wordStart = -1;
      }
    } else {
      if (wordStart < 0) wordStart = i;
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
  if (wordStart >= 0) endWord(wordStart, end);

  return { letters: latin + cyrillic + other, latin, cyrillic, other, words, foreign, markers, functionWords };
}
