import { scriptOf, stemWord, tokenize, type Token } from '../tag/text.ts';
import { nameKey } from './names.ts';
import type { CompiledStoryRules, TokenInfo } from './storyRules.ts';

export type FeatureType = 'date' | 'number' | 'smallNumber' | 'year' | 'name' | 'concept' | 'stem';

/** What an item says that another report of the same event would say too. */
export type StoryFeatures = {
  /** Feature key → type. Keys carry a type prefix (`n:`, `p:`, `c:`, `s:`). */
  features: Map<string, FeatureType>;
  /**
   * Names from capitalised words that start a sentence: "Документ" or
   * "Синоптики" are capitalised there only by position. They count when the
   * batch also has the name inside a sentence (see storyPairs).
   */
  initialNames: Set<string>;
  /** Dominant script: stems only compare within one script. */
  script: 'cyrillic' | 'latin' | 'other';
};

const MULTIPLIERS: [RegExp, number][] = [
  [/^\s*(?:тыс|тысяч|thousand)/i, 1e3],
  [/^\s*(?:млн|миллион|million|mln\b|m\b)/i, 1e6],
  [/^\s*(?:млрд|миллиард|billion|bn\b)/i, 1e9],
  [/^\s*(?:трлн|триллион|trillion)/i, 1e12],
];

// Space-grouped thousands ("150 000") only after a 1-3 digit head, so that
// "в 2023 году 150 врачей" stays two numbers.
const NUMBER = /\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)*/g;

function numberValue(raw: string, latin: boolean): number | null {
  let text = raw.replace(/[ \u00a0]/g, '');
  // "1,500" is a thousand separator in English; "5,6" a decimal comma in Russian.
  if (latin && /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) text = text.replaceAll(',', '');
  else if (/^\d+,\d+$/.test(text)) text = text.replace(',', '.');
  else if (/^\d+(?:[.,]\d+){2,}$/.test(text)) text = text.replace(/[.,]/g, '');
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

const isPowerOfTen = (value: number) => value >= 100 && Number.isInteger(Math.log10(value));
const keyOfNumber = (value: number) => `n:${Number(value.toPrecision(6))}`;

function addNumbers(text: string, latin: boolean, features: Map<string, FeatureType>): void {
  for (const match of text.matchAll(NUMBER)) {
    const value = numberValue(match[0], latin);
    if (value === null) continue;
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 12);
    const multiplier = MULTIPLIERS.find(([pattern]) => pattern.test(after))?.[1] ?? 1;
    const isYear = multiplier === 1 && Number.isInteger(value) && value >= 1900 && value <= 2100;
    // "3", "2 млн", "per 1,000", "100 %": small figures and powers of ten recur across unrelated items.
    const type: FeatureType = isYear ? 'year' : (value <= 10 && Number.isInteger(value)) || (multiplier === 1 && isPowerOfTen(value)) ? 'smallNumber' : 'number';
    // "1,5 тысячи" and "1,500" meet as 1500, "2 млн" and "two million" as 2000000.
    const key = keyOfNumber(value * multiplier);
    if (features.get(key) !== 'number') features.set(key, type);
  }
}

const MULTIPLIER_WORDS: [RegExp, number][] = [
  [/^(?:тыс|тысяч|thousand)/, 1e3],
  [/^(?:млн|миллион|million|mln$)/, 1e6],
  [/^(?:млрд|миллиард|billion|bn$)/, 1e9],
  [/^(?:трлн|триллион|trillion)/, 1e12],
];

const multiplierOf = (norm: string) => MULTIPLIER_WORDS.find(([pattern]) => pattern.test(norm))?.[1] ?? null;

/** "двух миллионов", "one trillion", and a bare "триллион рублей". Digits are read by addNumbers. */
function addNumberWords(tokens: Token[], rules: CompiledStoryRules, features: Map<string, FeatureType>): void {
  tokens.forEach((token, index) => {
    const multiplier = multiplierOf(token.norm);
    if (multiplier === null) return;
    const previous = tokens[index - 1];
    if (previous && /^\d/.test(previous.norm)) return;
    const value = (previous && rules.numerals.get(previous.norm)) ?? 1;
    features.set(keyOfNumber(value * multiplier), Number.isInteger(value) && value <= 10 ? 'smallNumber' : 'number');
  });
}

// "05.12.2005", "5.12.05": a date written in figures, as decrees and reports date themselves.
const NUMERIC_DATE = /(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d,]|\.\d)/g;

/** Adds the dates written in figures as dates (day and month) and blanks them out, so that they are not read as numbers. */
function withoutNumericDates(text: string, features: Map<string, FeatureType>): string {
  if (!text.includes('.')) return text;
  return text.replace(NUMERIC_DATE, (whole, day: string, month: string) => {
    const d = Number(day);
    const m = Number(month);
    if (d < 1 || d > 31 || m < 1 || m > 12) return whole;
    features.set(`d:${d}.${m}`, 'date');
    return ' '.repeat(whole.length);
  });
}

function monthOf(norm: string, rules: CompiledStoryRules): number | null {
  for (const { word, prefix, month } of rules.months) if (prefix ? norm.startsWith(word) : norm === word) return month;
  return null;
}

const TOKEN_CACHE_LIMIT = 100_000;

// Russian adjectives of places: -ская, -ского, -ском... after the place's own letters.
const PLACE_ADJECTIVE = /^([а-яё]{3,})ск(?:ая|ий|ой|ого|ому|ом|ую|ие|их|им|ими|ое)$/;

/** "тверская" → "твер", "калининградской" → "калининград"; null for a word that is no such adjective. */
function placeOfAdjective(norm: string): string | null {
  return PLACE_ADJECTIVE.exec(norm)?.[1] ?? null;
}

/** Everything derived from one word, computed once per distinct word. */
function infoOf(norm: string, rules: CompiledStoryRules): TokenInfo {
  const cached = rules.tokenCache.get(norm);
  if (cached) return cached;
  const stem = stemWord(norm);
  const concepts = [...(rules.conceptByStem.get(stem) ?? []), ...(rules.conceptByExact.get(norm) ?? [])];
  for (const { prefix, concept } of rules.conceptPrefixes) {
    if (norm.startsWith(prefix) && !concepts.includes(concept)) concepts.push(concept);
  }
  const info: TokenInfo = {
    stem,
    script: scriptOf(norm),
    concepts,
    month: monthOf(norm, rules),
    nameKey: nameKey(norm, rules),
    stopword: rules.stopwords.has(norm),
  };
  if (rules.tokenCache.size >= TOKEN_CACHE_LIMIT) rules.tokenCache.clear();
  rules.tokenCache.set(norm, info);
  return info;
}

/** "6 февраля", "February 6", "6 Feb": a day and month both reports name. */
function addDates(tokens: Token[], infos: TokenInfo[], features: Map<string, FeatureType>): void {
  const dayOf = (token: Token | undefined) =>
    token && /^\d{1,2}$/.test(token.norm) && Number(token.norm) >= 1 && Number(token.norm) <= 31 ? Number(token.norm) : null;
  tokens.forEach((_, index) => {
    const month = infos[index]!.month;
    if (month === null) return;
    const day = dayOf(tokens[index - 1]) ?? dayOf(tokens[index + 1]);
    if (day !== null) features.set(`d:${day}.${month}`, 'date');
  });
}

function phraseWordMatches(word: { kind: string; value: string }, token: Token, info: TokenInfo): boolean {
  if (word.kind === 'exact') return token.norm === word.value;
  if (word.kind === 'prefix') return token.norm.startsWith(word.value);
  return info.stem === word.value;
}

/** The features of one item. Pure. */
export function storyFeatures(item: { title: string; summary: string }, rules: CompiledStoryRules): StoryFeatures {
  const features = new Map<string, FeatureType>();
  const initialNames = new Set<string>();
  let cyrillic = 0;
  let latin = 0;
  for (const text of [item.title, item.summary]) {
    const tokens = tokenize(text);
    const infos = tokens.map((token) => infoOf(token.norm, rules));
    for (const info of infos) {
      if (info.script === 'cyrillic') cyrillic++;
      else if (info.script === 'latin') latin++;
    }
    addNumbers(withoutNumericDates(text, features), latin > cyrillic, features);
    addNumberWords(tokens, rules, features);
    addDates(tokens, infos, features);
    // Words inside a concept phrase ("Южного Урала") are that concept, not names.
    const inPhrase = new Uint8Array(tokens.length);
    tokens.forEach((_, index) => {
      for (const { words, concept } of rules.conceptPhrases) {
        const matches = words.every(
          (word, k) => tokens[index + k] !== undefined && phraseWordMatches(word, tokens[index + k]!, infos[index + k]!),
        );
        if (!matches) continue;
        features.set(`c:${concept}`, 'concept');
        inPhrase.fill(1, index, index + words.length);
      }
    });
    tokens.forEach((token, index) => {
      const info = infos[index]!;
      if (info.script === 'other' || info.stopword) return;
      for (const concept of info.concepts) features.set(`c:${concept}`, 'concept');
      if (inPhrase[index]) return;
      // A capitalised word is compared as a name (across scripts), not also as a stem.
      // A place the concepts know ("Мурманск", "Minsk") is compared as that concept.
      if (token.capitalized && token.norm.length >= 3 && info.concepts.length === 0) {
        const key = info.nameKey;
        // Short keys ("rm" for Руммo/Rummo) are kept for words of 4 letters and more.
        const usable = key.length >= 3 || (key.length === 2 && token.norm.length >= 4);
        if (usable && !rules.commonNameKeys.has(key)) {
          const previous = tokens[index - 1];
          const between = previous ? text.slice(previous.end, token.start) : '';
          // After a quotation mark a capital is a proper name («Земский доктор»), not a sentence start.
          const startsSentence = !previous || /[.!?:]/.test(between);
          if (startsSentence) initialNames.add(`p:${key}`);
          else features.set(`p:${key}`, 'name');
          // "Тверская область", "Tver region": a place adjective also gives the key of its place.
          const place = placeOfAdjective(token.norm);
          if (place !== null) {
            const placeKey = nameKey(place, rules);
            if (placeKey.length >= 3 && !rules.commonNameKeys.has(placeKey)) {
              if (startsSentence) initialNames.add(`p:${placeKey}`);
              else features.set(`p:${placeKey}`, 'name');
            }
          }
        }
        if (usable) return;
      }
      if (token.norm.length >= 4) features.set(`s:${info.stem}`, 'stem');
    });
  }
  const script = cyrillic === 0 && latin === 0 ? 'other' : cyrillic >= latin ? 'cyrillic' : 'latin';
  for (const name of features.keys()) initialNames.delete(name);
  return { features, initialNames, script };
}
