import type { z } from 'zod';
import { fail, ok, type Result } from '../model.ts';
import {
  LANG_KEYS,
  healthRulesSchema,
  localCueRulesSchema,
  settingsSchema,
  targetRulesSchema,
  type PatternRule,
  type TagRules,
  type TagRulesJson,
  type TagSettings,
  type TermsByLanguage,
} from './rules.ts';
import { compileLearnedModel, type CompiledLearnedModel } from './learned.ts';
import { normalizeWord, scriptOf, stemWord } from './text.ts';

/** How one word of a term matches a token. */
type WordMatcher = { kind: 'stem' | 'prefix' | 'exact'; value: string; loose: string[] };

/** A term or pattern, with every score slot it feeds. */
export type RuleEntry = {
  label: string;
  /** Each target keeps the term as its own rule file wrote it, for the evidence. */
  targets: { slot: number; weight: number; label: string }[];
  /** A trap: the tokens it covers count for nothing else. */
  trap: boolean;
};

export type Phrase = { words: number[]; entry: number };

/** What one distinct token matches. */
export type TokenMatch = {
  words: readonly number[];
  /** Two or more single-word entries of this token feed one target ("кадры" and "кадр*"). */
  rivals: boolean;
  /**
   * In the order the words come: per word, the single-word entries it is
   * (entry ids), then the phrases it starts. Read once per item token instead
   * of walking words, singles and phrases again.
   */
  starts: readonly (number | Phrase)[];
  /** One of its single-word entries is a trap. */
  trap: boolean;
  /**
   * What the learned layer `learnedFor` makes of the token, filled by it on
   * first use (learned.ts): one cache lookup per token serves rules and model.
   */
  learnedFor?: object;
  learned?: unknown;
};
type CompiledPattern = { regex: RegExp; entry: number; requires: string[] | null };

export type CompiledTagRules = {
  settings: TagSettings;
  taskIds: string[];
  regionIds: string[];
  /** Slot layout of the score vector. */
  slots: { health: number; taskBase: number; regionBase: number; localCue: number; count: number };
  entries: RuleEntry[];
  words: WordMatcher[];
  stemIndex: Map<string, number[]>;
  exactIndex: Map<string, number[]>;
  prefixIndex: Map<string, number[]>;
  prefixLengths: number[];
  looseIndex: Map<string, number[]>;
  looseLengths: number[];
  /** Per word id: entries that are that single word. */
  singles: number[][];
  /** Per word id: phrases starting with that word. */
  phrases: Phrase[][];
  patterns: CompiledPattern[];
  /** Finds every `requires` fragment of the patterns in one pass; null when no pattern has any. */
  requiredFragments: RegExp | null;
  /** Per distinct token: the word ids it satisfies. Filled lazily; bounded. */
  tokenCache: Map<string, TokenMatch>;
  /** The learned layer over the rules' scores; null: the rules decide alone. */
  model: CompiledLearnedModel | null;
};

// A Russian noun in its dictionary form can lose a letter to the stemmer that
// its other cases keep ("минздрав" → "минздра", "минздрава" → "минздрав").
// The dictionary form followed by a case ending (at most 3 letters) matches too.
const LOOSE_MIN_LENGTH = 5;
export const LOOSE_MAX_EXTRA = 3;
const VERB_BASE_MIN_LENGTH = 7;

function parseWord(word: string): WordMatcher | string {
  if (word.startsWith('=')) {
    const value = normalizeWord(word.slice(1));
    return value ? { kind: 'exact', value, loose: [] } : `empty exact word "${word}"`;
  }
  if (word.endsWith('*')) {
    const value = normalizeWord(word.slice(0, -1));
    if (value.length < 3) return `prefix "${word}" is shorter than 3 letters`;
    return { kind: 'prefix', value, loose: [] };
  }
  if (/[*=]/.test(word)) return `"${word}": * only at the end, = only at the start`;
  const norm = normalizeWord(word);
  const loose = scriptOf(norm) === 'cyrillic' && norm.length >= LOOSE_MIN_LENGTH ? [norm] : [];
  // A verb in -овать keeps -у- in its present and future ("отремонтировать",
  // "отремонтируют"), where the stemmer gives another stem: that base matches
  // with its endings too. Not for short verbs, whose base is a noun form
  // ("советовать" → "совету").
  if (loose.length > 0 && norm.endsWith('овать') && norm.length - 4 >= VERB_BASE_MIN_LENGTH) loose.push(`${norm.slice(0, -5)}у`);
  const stem = stemWord(norm);
  // A long word the stemmer cuts to 3 letters ("прием" → "при") would match
  // every short particle, which is never stemmed: match its forms instead.
  if (norm.length > 3 && stem.length <= 3) return { kind: 'exact', value: norm, loose };
  return { kind: 'stem', value: stem, loose };
}

type Builder = {
  entries: RuleEntry[];
  entryByIdentity: Map<string, number>;
  words: WordMatcher[];
  wordByKey: Map<string, number>;
  singles: number[][];
  phrases: Phrase[][];
  phraseEntries: Set<string>;
  patterns: CompiledPattern[];
};

function entryFor(builder: Builder, identity: string, label: string, trap: boolean): number {
  const key = `${trap ? 'trap' : 'term'}:${identity}`;
  const existing = builder.entryByIdentity.get(key);
  if (existing !== undefined) return existing;
  builder.entries.push({ label, targets: [], trap });
  builder.entryByIdentity.set(key, builder.entries.length - 1);
  return builder.entries.length - 1;
}

function addTarget(entry: RuleEntry, slot: number, weight: number, label: string): void {
  const existing = entry.targets.find((target) => target.slot === slot);
  // The same term listed twice for one target (say under ru and uk) counts once.
  if (existing) {
    if (Math.abs(weight) > Math.abs(existing.weight)) {
      existing.weight = weight;
      existing.label = label;
    }
  } else entry.targets.push({ slot, weight, label });
}

function wordId(builder: Builder, matcher: WordMatcher): number {
  // "мурманская" and "мурманской" are one word to match: same stem, two dictionary forms.
  const key = `${matcher.kind}:${matcher.value}`;
  const existing = builder.wordByKey.get(key);
  if (existing !== undefined) {
    const known = builder.words[existing]!;
    for (const form of matcher.loose) if (!known.loose.includes(form)) known.loose.push(form);
    return existing;
  }
  builder.words.push(matcher);
  builder.singles.push([]);
  builder.phrases.push([]);
  builder.wordByKey.set(key, builder.words.length - 1);
  return builder.words.length - 1;
}

function addTerm(builder: Builder, term: string, slot: number, weight: number, trap: boolean): string | null {
  const parts = term.split(' ');
  const ids: number[] = [];
  for (const part of parts) {
    const matcher = parseWord(part);
    if (typeof matcher === 'string') return matcher;
    ids.push(wordId(builder, matcher));
  }
  // Terms with the same words ("rare disease", "rare diseases") are one entry:
  // a text should not score twice for one word written two ways in the rules.
  const entry = entryFor(builder, ids.join(' '), normalizeWord(term), trap);
  addTarget(builder.entries[entry]!, slot, weight, normalizeWord(term));
  const first = ids[0]!;
  if (ids.length === 1) {
    if (!builder.singles[first]!.includes(entry)) builder.singles[first]!.push(entry);
  } else {
    const key = `${entry}:${ids.join(',')}`;
    if (!builder.phraseEntries.has(key)) {
      builder.phraseEntries.add(key);
      builder.phrases[first]!.push({ words: ids, entry });
    }
  }
  return null;
}

function addTerms(
  builder: Builder,
  terms: TermsByLanguage,
  slot: number,
  trap: boolean,
  where: string,
  errors: string[],
): void {
  for (const language of LANG_KEYS) {
    for (const [term, weight] of Object.entries(terms[language] ?? {})) {
      const problem = addTerm(builder, term, slot, weight, trap);
      if (problem) errors.push(`${where}: terms.${language}["${term}"]: ${problem}`);
    }
  }
}

// The adjective of a place is its name, a truncated final vowel or "ь" aside,
// followed by "-ск-": "Карабаш" → «Карабашская больница», "Енакиево" →
// «Енакиевская», "Мариуполь" → «Мариупольский»; the stemmer relates neither.
const PLACE_ADJECTIVE_MIN_LENGTH = 7;

/**
 * Prefix terms for the adjectives of the one-word Russian place names of a
 * region file ("карабаш" → "карабашск*"), each of its name's weight. Names
 * whose adjective is irregular (Ровеньки → ровеньковский) are written in the
 * file. Pure.
 */
export function placeAdjectives(terms: TermsByLanguage): TermsByLanguage {
  const adjectives: Record<string, number> = {};
  for (const [term, weight] of Object.entries(terms.ru ?? {})) {
    if (weight <= 0 || /[\s*=]/.test(term) || scriptOf(term) !== 'cyrillic') continue;
    const norm = normalizeWord(term);
    if (norm.length < LOOSE_MIN_LENGTH || /ск(?:ий|ой|ая|ое|ие)?$/.test(norm)) continue;
    const bases = new Set([`${stemWord(norm)}ск`, `${norm.replace(/[аеиоуыэюя]$/, '')}ск`]);
    for (const base of bases) if (base.length >= PLACE_ADJECTIVE_MIN_LENGTH && !(`${base}*` in adjectives)) adjectives[`${base}*`] = weight;
  }
  return { ru: adjectives };
}

function addPatterns(
  builder: Builder,
  patterns: PatternRule[],
  slot: number,
  trap: boolean,
  where: string,
  errors: string[],
): void {
  patterns.forEach((rule, index) => {
    let regex: RegExp;
    try {
      const flags = rule.flags ?? 'iu';
      regex = new RegExp(rule.pattern, `${flags.includes('u') ? flags : `${flags}u`}g`);
    } catch (error) {
      errors.push(`${where}: patterns[${index}]: ${(error as Error).message}`);
      return;
    }
    const entry = entryFor(builder, `pattern:${rule.pattern}`, rule.label ?? rule.pattern, trap);
    addTarget(builder.entries[entry]!, slot, rule.weight, rule.label ?? rule.pattern);
    builder.patterns.push({ regex, entry, requires: rule.requires?.map(normalizeWord) ?? null });
  });
}

function fragmentFinder(patterns: CompiledPattern[]): RegExp | null {
  const fragments = [...new Set(patterns.flatMap((pattern) => pattern.requires ?? []))];
  if (fragments.length === 0) return null;
  // Longest first, so that a fragment inside another is still found on its own words.
  fragments.sort((a, b) => b.length - a.length);
  return new RegExp(fragments.map((fragment) => fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
}

function indexWords(words: WordMatcher[]) {
  const stemIndex = new Map<string, number[]>();
  const exactIndex = new Map<string, number[]>();
  const prefixIndex = new Map<string, number[]>();
  const looseIndex = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, id: number) => {
    const list = map.get(key);
    if (list) list.push(id);
    else map.set(key, [id]);
  };
  words.forEach((word, id) => {
    if (word.kind === 'stem') push(stemIndex, word.value, id);
    else if (word.kind === 'exact') push(exactIndex, word.value, id);
    else push(prefixIndex, word.value, id);
    for (const form of word.loose) push(looseIndex, form, id);
  });
  const lengths = (map: Map<string, number[]>) => [...new Set([...map.keys()].map((key) => key.length))].sort((a, b) => a - b);
  return {
    stemIndex,
    exactIndex,
    prefixIndex,
    looseIndex,
    prefixLengths: lengths(prefixIndex),
    looseLengths: lengths(looseIndex),
  };
}

function parseFile<S extends z.ZodType>(schema: S, json: unknown, file: string, errors: string[]): z.infer<S> | null {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues.slice(0, 5)) {
    const path = issue.path.map(String).join('.') || '(root)';
    errors.push(`${file}: ${path}: ${issue.message}`);
  }
  return null;
}

/** Validates the rule files' JSON; every problem names its file and path. */
export function validateTagRules(json: TagRulesJson): Result<TagRules> {
  const errors: string[] = [];
  const settings = parseFile(settingsSchema, json.settings, 'settings.json', errors);
  const health = parseFile(healthRulesSchema, json.health, 'health.json', errors);
  const localCues = parseFile(localCueRulesSchema, json.localCues, 'local-cues.json', errors);
  const targets = (files: { file: string; json: unknown }[]) =>
    files.flatMap(({ file, json: content }) => {
      const parsed = parseFile(targetRulesSchema, content, file, errors);
      return parsed ? [{ file, rules: parsed }] : [];
    });
  const tasks = targets(json.tasks);
  const regions = targets(json.regions);
  for (const list of [tasks, regions]) {
    const seen = new Map<string, string>();
    for (const { file, rules } of list) {
      const other = seen.get(rules.id);
      if (other) errors.push(`${file}: id: "${rules.id}" is already defined in ${other}`);
      seen.set(rules.id, file);
    }
  }
  if (errors.length > 0 || !settings || !health || !localCues) return fail('rules_invalid', errors.join('; '));
  return ok({
    settings,
    health,
    localCues,
    tasks: tasks.map((task) => task.rules),
    regions: regions.map((region) => region.rules),
  });
}

/** Turns validated rules into the index `tagItem` matches against. */
export function compileValidatedRules(rules: TagRules): Result<CompiledTagRules> {
  const builder: Builder = {
    entries: [],
    entryByIdentity: new Map(),
    words: [],
    wordByKey: new Map(),
    singles: [],
    phrases: [],
    phraseEntries: new Set(),
    patterns: [],
  };
  const errors: string[] = [];
  const taskBase = 1;
  const regionBase = taskBase + rules.tasks.length;
  const localCue = regionBase + rules.regions.length;
  const health = 0;

  addTerms(builder, rules.health.terms, health, false, 'health.json', errors);
  addPatterns(builder, rules.health.patterns, health, false, 'health.json', errors);
  addTerms(builder, rules.health.traps, health, true, 'health.json traps', errors);
  addPatterns(builder, rules.health.trapPatterns, health, true, 'health.json trapPatterns', errors);
  rules.tasks.forEach((task, index) => {
    addTerms(builder, task.terms, taskBase + index, false, `tasks/${task.id}.json`, errors);
    addPatterns(builder, task.patterns, taskBase + index, false, `tasks/${task.id}.json`, errors);
  });
  const { noPlaceAdjectives } = rules.settings.regions;
  rules.regions.forEach((region, index) => {
    addTerms(builder, region.terms, regionBase + index, false, `regions/${region.id}.json`, errors);
    if (!noPlaceAdjectives.includes(region.id)) addTerms(builder, placeAdjectives(region.terms), regionBase + index, false, `regions/${region.id}.json`, errors);
    addPatterns(builder, region.patterns, regionBase + index, false, `regions/${region.id}.json`, errors);
  });
  addTerms(builder, rules.localCues.terms, localCue, false, 'local-cues.json', errors);
  if (errors.length > 0) return fail('rules_invalid', errors.join('; '));

  return ok({
    settings: rules.settings,
    taskIds: rules.tasks.map((task) => task.id),
    regionIds: rules.regions.map((region) => region.id),
    slots: { health, taskBase, regionBase, localCue, count: localCue + 1 },
    entries: builder.entries,
    words: builder.words,
    ...indexWords(builder.words),
    singles: builder.singles,
    phrases: builder.phrases,
    patterns: builder.patterns,
    requiredFragments: fragmentFinder(builder.patterns),
    tokenCache: new Map(),
    model: null,
  });
}

/** Validates and compiles the rule files' JSON. Pure. */
export function compileTagRules(json: TagRulesJson): Result<CompiledTagRules> {
  const validated = validateTagRules(json);
  if (!validated.ok) return validated;
  const compiled = compileValidatedRules(validated.value);
  if (!compiled.ok || json.model === undefined || json.model === null) return compiled;
  const model = compileLearnedModel(json.model, compiled.value.taskIds);
  return model.ok ? ok({ ...compiled.value, model: model.value }) : model;
}
