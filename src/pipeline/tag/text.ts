import { createRequire } from 'node:module';

// snowball-stemmers ships no types; this is the part of its API we use.
type Stemmer = { stem(word: string): string };
type SnowballFactory = { newStemmer(language: string): Stemmer };

const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as SnowballFactory;

const russianStemmer = snowball.newStemmer('russian');
const englishStemmer = snowball.newStemmer('english');

export type Token = {
  /** Lower-cased, `ё` folded to `е`, apostrophes unified. */
  norm: string;
  /** Offset of the token in the field text. */
  start: number;
  end: number;
  /** The token starts with an upper-case letter in the original text. */
  capitalized: boolean;
};

// Words are runs of letters/digits; apostrophes stay inside words because
// Ukrainian writes them there (здоров'я). Hyphens split: "регион-шеф" is matched
// as the phrase "регион шеф", which editors can write either way.
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;
const APOSTROPHES = "'’ʼ";

const FANCY_APOSTROPHE = /[’ʼ]/g;

export function normalizeWord(word: string): string {
  const lowered = word.toLowerCase();
  // replaceAll costs twenty times the lower-casing: only call it when there is an ё.
  const lower = lowered.includes('ё') ? lowered.replaceAll('ё', 'е') : lowered;
  return lower.includes('’') || lower.includes('ʼ') ? lower.replace(FANCY_APOSTROPHE, "'") : lower;
}

// The tokenizer runs on every item: a char-code scan, with the Unicode
// property test only for letters outside ASCII and Cyrillic.
function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  if (code >= 0x400 && code <= 0x4ff) return true;
  return LETTER_OR_DIGIT.test(String.fromCharCode(code));
}

function isUpperCase(code: number): boolean {
  if (code < 128) return code >= 65 && code <= 90;
  // Cyrillic capitals: Ѐ..Я (Ё, Є, І, Ї, Ў among them).
  if (code >= 0x400 && code <= 0x42f) return true;
  if (code >= 0x430 && code <= 0x4ff) return code >= 0x460 && code % 2 === 0 && code !== 0x482;
  const char = String.fromCharCode(code);
  return char !== char.toLowerCase();
}

const APOSTROPHE_CODES = new Set([...APOSTROPHES].map((char) => char.charCodeAt(0)));

export function tokenize(text: string): Token[] {
  return tokenizeNormalized(text).tokens;
}

/** The tokens, and the whole text normalised as the tokens are (lower case, `ё` → `е`). */
export function tokenizeNormalized(text: string): { tokens: Token[]; lower: string } {
  const tokens: Token[] = [];
  // Normalising the whole text once is much cheaper than word by word; it is
  // only safe while lower-casing keeps every offset (it does for Cyrillic and
  // ASCII, not for a few letters such as "İ").
  const lower = normalizeWord(text);
  const aligned = lower.length === text.length;
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    i++;
    for (;;) {
      while (i < length && isWordChar(text.charCodeAt(i))) i++;
      // An apostrophe followed by a letter continues the word.
      if (i + 1 < length && APOSTROPHE_CODES.has(text.charCodeAt(i)) && isWordChar(text.charCodeAt(i + 1))) {
        i += 2;
        continue;
      }
      break;
    }
    tokens.push({
      norm: aligned ? lower.slice(start, i) : normalizeWord(text.slice(start, i)),
      start,
      end: i,
      capitalized: isUpperCase(text.charCodeAt(start)),
    });
  }
  return { tokens, lower };
}

export type Script = 'cyrillic' | 'latin' | 'other';

export function scriptOf(word: string): Script {
  if (CYRILLIC.test(word)) return 'cyrillic';
  if (LATIN.test(word)) return 'latin';
  return 'other';
}

// The script of a word, not the item's language, picks the stemmer: headlines
// mix scripts ("COVID-19 в Мурманске") and the language stage may say `und`.
// Ukrainian and Belarusian words go through the Russian stemmer, which strips
// the endings the three languages share; their own vocabularies carry the rest.
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

export function stemWord(norm: string): string {
  const cached = stemCache.get(norm);
  if (cached !== undefined) return cached;
  const script = scriptOf(norm);
  // Short words are abbreviations or particles: stemming would merge "ИИ" with "и".
  const stem =
    norm.length <= 3
      ? norm
      : script === 'cyrillic'
      ? russianStemmer.stem(norm)
      : script === 'latin'
        ? englishStemmer.stem(norm.replaceAll("'", ''))
        : norm;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(norm, stem);
  return stem;
}
