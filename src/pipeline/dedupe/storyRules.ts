import { z } from 'zod';
import { fail, ok, type Result } from '../model.ts';
import { normalizeWord, stemWord } from '../tag/text.ts';
import { nameKey } from './names.ts';
import type { StoryPairModel } from './pairModel.ts';
import storiesJson from '../../../content/rules/stories.json' with { type: 'json' };

const weight = z.number().finite().min(0).max(20);

export const storyRulesSchema = z
  .object({
    $comment: z.string().optional(),
    /** Cyrillic letter → Latin letters. */
    transliteration: z.record(z.string().length(1), z.string()),
    /** Latin spelling variants folded before vowels are dropped, longest first. */
    skeleton: z.record(z.string().min(1), z.string()),
    /** Concept id → words (same syntax as the tag rules: stem, `prefix*`, `=exact`, phrases). */
    concepts: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
    /** Month words (`word`, `prefix*`) → month number, for dates such as "6 февраля" / "February 6". */
    months: z.record(z.string().min(1), z.number().int().min(1).max(12)),
    /** Number words → value, used before a multiplier ("двух миллионов", "one trillion"). */
    numerals: z.record(z.string().min(1), z.number().finite()),
    /** Concept ids that are places: two items naming different places only, are different events. */
    places: z.array(z.string().min(1)),
    /** First names: too common to tell two events apart; compared by name key. */
    commonNames: z.array(z.string().min(1)),
    stopwords: z.array(z.string()),
    settings: z
      .object({
        /** Items further apart in time are never one story. */
        windowDays: z.number().positive(),
        /** Score two items need to be one story: the shared features' weights times their specificity. */
        threshold: z.number().min(0),
        /** The part of that score that must come from shared numbers and names (waived at twice the threshold). */
        minShared: z.number().min(0),
        /** A feature in more than this share of the batch is too common to pair items by. */
        maxDocumentShare: z.number().min(0).max(1),
        minMaxDocumentFrequency: z.number().int().min(2),
        weights: z
          .object({
            date: weight,
            number: weight,
            smallNumber: weight,
            year: weight,
            name: weight,
            concept: weight,
            stem: weight,
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

export type StoryRules = z.infer<typeof storyRulesSchema>;

type ConceptWord = { kind: 'stem' | 'prefix' | 'exact'; value: string };

export type CompiledStoryRules = {
  settings: StoryRules['settings'];
  transliteration: Map<string, string>;
  /** [from, to] pairs, longest `from` first. */
  skeleton: [string, string][];
  stopwords: Set<string>;
  numerals: Map<string, number>;
  months: { word: string; prefix: boolean; month: number }[];
  /** Feature keys of the place concepts (`c:murmansk`). */
  places: Set<string>;
  /** Name keys of common first names. */
  commonNameKeys: Set<string>;
  /** Single-word concept terms. */
  conceptByStem: Map<string, string[]>;
  conceptByExact: Map<string, string[]>;
  conceptPrefixes: { prefix: string; concept: string }[];
  /** Multi-word concept terms. */
  conceptPhrases: { words: ConceptWord[]; concept: string }[];
  /** Per distinct word: what features.ts derives from it. Filled lazily; bounded. */
  tokenCache: Map<string, TokenInfo>;
  /** The learned pair decision (model.json); null: the threshold rule of `settings` decides. */
  pairModel: StoryPairModel | null;
};

export type TokenInfo = {
  stem: string;
  script: 'cyrillic' | 'latin' | 'other';
  concepts: string[];
  month: number | null;
  nameKey: string;
  stopword: boolean;
};

function parseConceptWord(word: string): ConceptWord {
  if (word.startsWith('=')) return { kind: 'exact', value: normalizeWord(word.slice(1)) };
  if (word.endsWith('*')) return { kind: 'prefix', value: normalizeWord(word.slice(0, -1)) };
  return { kind: 'stem', value: stemWord(normalizeWord(word)) };
}

/** Validates and compiles the story rules; errors name the failing path. */
export function compileStoryRules(json: unknown, file = 'stories.json'): Result<CompiledStoryRules> {
  const parsed = storyRulesSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${file}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    return fail('rules_invalid', problems.join('; '));
  }
  const rules = parsed.data;
  const transliteration = new Map(Object.entries(rules.transliteration));
  const skeleton = Object.entries(rules.skeleton).sort((a, b) => b[0].length - a[0].length);
  const conceptByStem = new Map<string, string[]>();
  const conceptByExact = new Map<string, string[]>();
  const conceptPrefixes: { prefix: string; concept: string }[] = [];
  const conceptPhrases: { words: ConceptWord[]; concept: string }[] = [];
  const add = (map: Map<string, string[]>, key: string, concept: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(concept)) list.push(concept);
    map.set(key, list);
  };
  for (const [concept, terms] of Object.entries(rules.concepts)) {
    for (const term of terms) {
      const words = term.split(' ').map(parseConceptWord);
      if (words.length > 1) conceptPhrases.push({ words, concept });
      else if (words[0]!.kind === 'stem') add(conceptByStem, words[0]!.value, concept);
      else if (words[0]!.kind === 'exact') add(conceptByExact, words[0]!.value, concept);
      else conceptPrefixes.push({ prefix: words[0]!.value, concept });
    }
  }
  return ok({
    settings: rules.settings,
    transliteration,
    skeleton,
    stopwords: new Set(rules.stopwords.map(normalizeWord)),
    places: new Set(rules.places.map((place) => `c:${place}`)),
    commonNameKeys: new Set(rules.commonNames.map((name) => nameKey(name, { transliteration, skeleton }))),
    months: Object.entries(rules.months).map(([word, month]) => ({
      word: normalizeWord(word.replace(/\*$/, '')),
      prefix: word.endsWith('*'),
      month,
    })),
    numerals: new Map(Object.entries(rules.numerals).map(([word, value]) => [normalizeWord(word), value])),
    conceptByStem,
    conceptByExact,
    conceptPrefixes,
    conceptPhrases,
    tokenCache: new Map(),
    pairModel: null,
  });
}

let defaults: CompiledStoryRules | null = null;

/** The rules of content/rules/stories.json, bundled as a JSON module. */
export function defaultStoryRules(): CompiledStoryRules {
  if (!defaults) {
    const compiled = compileStoryRules(storiesJson);
    // The bundled file is checked by the tests; a failure here is a bug.
    if (!compiled.ok) throw new Error(compiled.error.message);
    defaults = compiled.value;
  }
  return defaults;
}
