import type { DetectedLanguage } from '../model.ts';
import { sortSmall } from '../sortSmall.ts';
import { LOOSE_MAX_EXTRA, type CompiledTagRules, type Phrase, type TokenMatch } from './compile.ts';
import { learnedEvidence, modelLogits, modelWordFeatures, sigmoid, type CompiledLearnedModel } from './learned.ts';
import { namedRegions, regionProbabilities, type RegionCandidate, type RegionContext, type RegionModel } from './regionModel.ts';
import { stemWord, tokenizeNormalized, type Token } from './text.ts';

export type TagField = 'title' | 'summary';
/**
 * One reason for a tag. A rule's evidence is the term as the rule file writes
 * it, the words of the item it matched as the item writes them, and the
 * weight it added to the score; `kind: 'learned'` marks a word the learned
 * layer weighs for the tag (its weight is the log-odds it added).
 */
export type TagEvidence = { term: string; field: TagField; weight: number; matched?: string; kind?: 'learned' };
export type TagSuggestion = { id: string; confidence: number; evidence: TagEvidence[] };

export type TagResult = {
  health: boolean;
  healthScore: number;
  healthEvidence: TagEvidence[];
  /** 0..3 cluster tasks, best first; empty when `health` is false. */
  tasks: TagSuggestion[];
  /** Regions the item is about, best first. */
  regions: TagSuggestion[];
};

export type TagInput = {
  title: string;
  summary: string;
  /** Part of the stage contract; the rules pick a stemmer per word by its script, so it is not needed. */
  language: DetectedLanguage;
  /** Region id of the feed that carried the item: a prior, not an answer. */
  sourceRegion: string | null;
};

/** Evidence label of the feed-region prior. */
export const SOURCE_PRIOR_TERM = '(feed region)';

const TOKEN_CACHE_LIMIT = 100_000;

function matchToken(rules: CompiledTagRules, norm: string): TokenMatch {
  const cached = rules.tokenCache.get(norm);
  if (cached) return cached;
  const ids: number[] = [];
  const add = (list: number[] | undefined) => {
    if (list) for (const id of list) if (!ids.includes(id)) ids.push(id);
  };
  add(rules.stemIndex.get(stemWord(norm)));
  add(rules.exactIndex.get(norm));
  for (const length of rules.prefixLengths) {
    if (length > norm.length) break;
    add(rules.prefixIndex.get(norm.slice(0, length)));
  }
  for (const length of rules.looseLengths) {
    if (length > norm.length) break;
    if (norm.length - length <= LOOSE_MAX_EXTRA) add(rules.looseIndex.get(norm.slice(0, length)));
  }
  const slots = ids.flatMap((id) => rules.singles[id]!.flatMap((entry) => rules.entries[entry]!.targets.map((target) => target.slot)));
  const starts = ids.flatMap((id): (number | Phrase)[] => [...rules.singles[id]!, ...rules.phrases[id]!]);
  const trap = ids.some((id) => rules.singles[id]!.some((entry) => rules.entries[entry]!.trap));
  const match: TokenMatch = { words: ids, rivals: new Set(slots).size < slots.length, starts, trap };
  if (rules.tokenCache.size >= TOKEN_CACHE_LIMIT) rules.tokenCache.clear();
  rules.tokenCache.set(norm, match);
  return match;
}

/**
 * `rivals`: the token has other single-word hits that may feed the same target.
 * `quoted`: every token of the hit stands inside quotation marks.
 */
type Hit = { entry: number; start: number; end: number; rivals: boolean; quoted: boolean };

// Opening and closing marks of the quotations Russian and English news use.
const QUOTE_PAIRS: Record<string, string> = { '«': '»', '“': '”', '„': '“', '"': '"' };
// The same by char code, so that the scan below reads codes, not one-letter strings.
const CLOSING_QUOTE = new Map(Object.entries(QUOTE_PAIRS).map(([open, close]) => [open.charCodeAt(0), close]));
const OPENING_QUOTE = /[«“„"]/;

/** Marks the tokens that stand inside a quotation: «скорая помощь» экономике, a "vaccine" for computers. */
function quotedTokens(text: string, tokens: Token[]): boolean[] | null {
  let i = text.search(OPENING_QUOTE);
  if (i < 0) return null;
  // Plain arrays of flags here and below: a typed array costs more to allocate than an item's tokens take to scan.
  const inside: boolean[] = new Array<boolean>(tokens.length).fill(false);
  let any = false;
  for (; i < text.length; i++) {
    const close = CLOSING_QUOTE.get(text.charCodeAt(i));
    if (close === undefined) continue;
    const end = text.indexOf(close, i + 1);
    if (end < 0) break;
    for (let t = tokensStartingBefore(tokens, i); t < tokens.length && tokens[t]!.end <= end; t++) {
      inside[t] = true;
      any = true;
    }
    i = end;
  }
  return any ? inside : null;
}

function tokenIndexAt(tokens: Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** `long`: the hits that span more than one token, the only ones that can subsume another. */
type FieldHits = { hits: Hit[]; long: Hit[]; tokens: Token[]; matches: TokenMatch[]; text: string };

/** How many tokens start before `offset`. */
function tokensStartingBefore(tokens: Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Every term, phrase and pattern hit in one field, traps applied. */
function fieldHits(rules: CompiledTagRules, text: string): FieldHits {
  const hits: Hit[] = [];
  if (!text) return { hits, long: [], tokens: [], matches: [], text };
  const { tokens, lower } = tokenizeNormalized(text);
  const count = tokens.length;
  const matches: TokenMatch[] = new Array(count);
  for (let i = 0; i < count; i++) matches[i] = matchToken(rules, tokens[i]!.norm);
  let hasTrap = false;
  const quotes = quotedTokens(text, tokens);
  const isQuoted = (start: number, end: number) => {
    if (!quotes) return false;
    for (let i = start; i < end; i++) if (!quotes[i]) return false;
    return true;
  };
  const { entries } = rules;
  for (let i = 0; i < count; i++) {
    const { starts, trap, rivals: rival } = matches[i]!;
    if (trap) hasTrap = true;
    for (let s = 0; s < starts.length; s++) {
      const start = starts[s]!;
      if (typeof start === 'number') {
        hits.push({ entry: start, start: i, end: i + 1, rivals: rival, quoted: quotes !== null && quotes[i]! });
        continue;
      }
      const length = start.words.length;
      if (i + length > count) continue;
      let whole = true;
      for (let k = 1; k < length && whole; k++) whole = matches[i + k]!.words.includes(start.words[k]!);
      if (!whole) continue;
      hits.push({ entry: start.entry, start: i, end: i + length, rivals: false, quoted: isQuoted(i, i + length) });
      if (entries[start.entry]!.trap) hasTrap = true;
    }
  }
  // Which pre-check fragments the text has, found in one pass.
  // (An array: the few fragments found in an item are cheaper to scan than to put in a Set.)
  let present: string[] | null = null;
  for (const { regex, entry, requires } of rules.patterns) {
    if (requires && rules.requiredFragments) {
      present ??= lower.match(rules.requiredFragments) ?? [];
      const found = present;
      if (!requires.some((fragment) => found.includes(fragment))) continue;
    }
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      if (match[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      // Tokens the match touches, also partly ("миллион руб" covers "рублей").
      const start = tokenIndexAt(tokens, match.index);
      const end = Math.max(start + 1, tokensStartingBefore(tokens, match.index + match[0].length));
      hits.push({ entry, start, end, rivals: false, quoted: isQuoted(start, end) });
      if (entries[entry]!.trap) hasTrap = true;
    }
  }
  if (!hasTrap) return { hits, long: hits.filter((hit) => hit.end - hit.start > 1), tokens, matches, text };
  const masked: boolean[] = new Array<boolean>(count + 1).fill(false);
  for (const hit of hits) if (entries[hit.entry]!.trap) masked.fill(true, hit.start, hit.end);
  const kept = hits.filter((hit) => {
    if (entries[hit.entry]!.trap) return true;
    for (let i = hit.start; i < hit.end; i++) if (masked[i]) return false;
    return true;
  });
  return { hits: kept, long: kept.filter((hit) => hit.end - hit.start > 1), tokens, matches, text };
}

const round = (value: number) => Math.round(value * 1000) / 1000;


const isTaskSlot = (rules: CompiledTagRules, slot: number) =>
  slot >= rules.slots.taskBase && slot < rules.slots.regionBase;

/**
 * A hit inside a longer hit adds nothing for the same target: "Земский доктор"
 * is one piece of evidence for `workforce`, not two. Among tasks the longer
 * phrase decides the meaning: "машины скорой помощи" is about equipment
 * (`infrastructure`), so the "скорая помощь" inside it does not also count
 * for `access-quality`. Health and region evidence is never taken away.
 */
function subsumed(hit: Hit, slot: number, long: Hit[], rules: CompiledTagRules): boolean {
  const task = isTaskSlot(rules, slot);
  for (const other of long) {
    if (other === hit || other.end - other.start <= hit.end - hit.start) continue;
    if (other.start > hit.start || other.end < hit.end) continue;
    const targets = rules.entries[other.entry]!.targets;
    if (targets.some((target) => target.slot === slot || (task && target.weight > 0 && isTaskSlot(rules, target.slot))))
      return true;
  }
  return false;
}

export type ScoredItem = {
  /** One score per slot (a plain array: cheaper per item than a typed one). */
  scores: number[];
  evidence: TagEvidence[][];
  /** The words of title and summary and the rules' match of each, for the learned layer to read without tokenizing again. */
  tokens: { title: Token[]; summary: Token[] };
  matches: { title: TokenMatch[]; summary: TokenMatch[] };
};

/** The raw score of every slot (health, each task, each region, local cue) with evidence. */
export function scoreItem(title: string, summary: string, rules: CompiledTagRules): ScoredItem {
  const { titleBoost } = rules.settings;
  const { quotedFactor } = rules.settings.health;
  const healthSlot = rules.slots.health;
  const slotCount = rules.slots.count;
  const scores: number[] = [];
  const evidence: TagEvidence[][] = [];
  for (let slot = 0; slot < slotCount; slot++) {
    scores.push(0);
    evidence.push([]);
  }
  // A term counts once per item and target, where it weighs most (the title).
  // Few terms hit per item: a short list beats a Set.
  const counted: number[] = [];
  const count = ({ hits, long, tokens, text }: FieldHits, field: TagField) => {
    const factor = field === 'title' ? titleBoost : 1;
    const apply = (key: number, slot: number, weight: number, label: string, hit: Hit) => {
      counted.push(key);
      scores[slot]! += weight * factor;
      const matched = text.slice(tokens[hit.start]!.start, tokens[hit.end - 1]!.end);
      evidence[slot]!.push({ term: label, field, weight: round(weight * factor), matched });
    };
    // One word is one piece of evidence per target, however many terms it
    // matches ("кадры" and "кадр*"): the heaviest counts.
    const rivalling: { key: number; slot: number; weight: number; label: string; position: number; hit: Hit }[] = [];
    for (const hit of hits) {
      const entry = rules.entries[hit.entry]!;
      for (const target of entry.targets) {
        const { slot, label } = target;
        // A medical word in quotation marks is as often a name or a metaphor
        // («скорая помощь» экономике) as news of care: it says less about health.
        const weight = hit.quoted && slot === healthSlot && target.weight > 0 ? target.weight * quotedFactor : target.weight;
        const key = hit.entry * slotCount + slot;
        if (counted.includes(key)) continue;
        if (long.length > 0 && subsumed(hit, slot, long, rules)) continue;
        if (!hit.rivals) {
          apply(key, slot, weight, label, hit);
          continue;
        }
        if (rivalling.some((other) => other.key === key)) continue;
        const rival = rivalling.findIndex((other) => other.slot === slot && other.position === hit.start);
        if (rival >= 0) {
          if (Math.abs(rivalling[rival]!.weight) >= Math.abs(weight)) continue;
          rivalling.splice(rival, 1);
        }
        rivalling.push({ key, slot, weight, label, position: hit.start, hit });
      }
    }
    for (const { key, slot, weight, label, hit } of rivalling) if (!counted.includes(key)) apply(key, slot, weight, label, hit);
  };
  const titleHits = fieldHits(rules, title);
  const summaryHits = fieldHits(rules, summary);
  count(titleHits, 'title');
  count(summaryHits, 'summary');
  for (const list of evidence) if (list.length > 1) sortSmall(list, (a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return {
    scores,
    evidence,
    tokens: { title: titleHits.tokens, summary: summaryHits.tokens },
    matches: { title: titleHits.matches, summary: summaryHits.matches },
  };
}

function confidenceOf(score: number, scale: number): number {
  return round(1 - Math.exp(-Math.max(0, score) / scale));
}

/** Picks the ids whose score reaches `minScore` and a share of the best one. */
function pick(
  ids: string[],
  base: number,
  scored: ScoredItem,
  minScore: number,
  relativeToTop: number,
  max: number,
  scale: number,
): TagSuggestion[] {
  const ranked = ids
    .map((id, index) => ({ id, score: scored.scores[base + index]!, evidence: scored.evidence[base + index]! }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score);
  const top = ranked[0]?.score ?? 0;
  return ranked
    .filter((entry) => entry.score >= minScore && entry.score >= relativeToTop * top)
    .slice(0, max)
    .map((entry) => ({ id: entry.id, confidence: confidenceOf(entry.score, scale), evidence: entry.evidence }));
}

/** How many learned words a suggestion shows as evidence. */
const LEARNED_EVIDENCE = 3;

/** Health and tasks as the learned layer decides them over the rules' scores. */
function learnedDecision(
  item: TagInput,
  scored: ScoredItem,
  rules: CompiledTagRules,
  model: CompiledLearnedModel,
): { health: boolean; healthEvidence: TagEvidence[]; tasks: TagSuggestion[] } {
  const { slots } = rules;
  const words = modelWordFeatures(model, scored.tokens.title, scored.tokens.summary, scored.matches);
  // A plain copy: a typed-array view costs more to make than these few numbers.
  const taskScores: number[] = [];
  for (let task = 0; task < rules.taskIds.length; task++) taskScores.push(scored.scores[slots.taskBase + task]!);
  const logits = modelLogits(model, words, scored.scores[slots.health]!, taskScores);
  const { selection } = model.json;
  const health = sigmoid(logits[0]!) >= selection.healthThreshold;
  const learned = (target: number) =>
    learnedEvidence(model, words, target, LEARNED_EVIDENCE).map(({ term, field, weight }) => ({ term, field, weight, kind: 'learned' as const }));
  const healthEvidence = [...scored.evidence[slots.health]!, ...learned(0)];
  if (!health) return { health, healthEvidence, tasks: [] };
  const ranked = rules.taskIds
    .map((id, index) => ({ id, index, p: sigmoid(logits[model.targetOfTask[index]!]!) }));
  sortSmall(ranked, (a, b) => b.p - a.p || a.index - b.index);
  const top = ranked[0]!.p;
  let picked = ranked.filter(({ p }) => p >= selection.taskThreshold && p >= selection.relativeToTop * top).slice(0, selection.maxTasks);
  // Every health item belongs somewhere: the likeliest task beats none.
  if (picked.length === 0) picked = ranked.slice(0, 1);
  const tasks = picked.map(({ id, index, p }) => ({
    id,
    confidence: round(p),
    evidence: [...scored.evidence[slots.taskBase + index]!, ...learned(model.targetOfTask[index]!)],
  }));
  return { health, healthEvidence, tasks };
}

/** Health relevance, cluster tasks and regions of one item, with evidence. Pure. */
export function tagItem(item: TagInput, rules: CompiledTagRules): TagResult {
  const scored = scoreItem(item.title, item.summary, rules);
  const { settings, slots } = rules;
  const healthScore = round(scored.scores[slots.health]!);
  let health = healthScore >= settings.health.threshold;
  let healthEvidence = scored.evidence[slots.health]!;

  let tasks: TagSuggestion[] = [];
  if (rules.model) {
    ({ health, healthEvidence, tasks } = learnedDecision(item, scored, rules, rules.model));
  } else if (health) {
    const { minScore, relativeToTop, max, fallbackMinScore } = settings.tasks;
    tasks = pick(rules.taskIds, slots.taskBase, scored, minScore, relativeToTop, max, settings.confidenceScale);
    if (tasks.length === 0) {
      // Every health item belongs somewhere: the best weak task beats none.
      tasks = pick(rules.taskIds, slots.taskBase, scored, fallbackMinScore, 1, 1, settings.confidenceScale);
    }
  }

  applySourcePrior(item.sourceRegion, rules, scored);
  const regionModel = rules.model?.json.regions;
  if (regionModel) return { health, healthScore, healthEvidence, tasks, regions: learnedRegions(regionModel, scored, rules, regionContext(item, rules)) };
  const { minScore, relativeToTop } = settings.regions;
  const regions = pick(
    rules.regionIds,
    slots.regionBase,
    scored,
    minScore,
    relativeToTop,
    rules.regionIds.length,
    settings.confidenceScale,
  );

  return { health, healthScore, healthEvidence, tasks, regions };
}

/** What the region model reads of an item beside the rule evidence. */
export function regionContext(item: { title: string; summary: string }, rules: CompiledTagRules): RegionContext {
  const { titleBoost, regions } = rules.settings;
  return { title: item.title, summary: item.summary, titleBoost, originWords: regions.originWords };
}

/** Every region with a score, in the rules' order, with its evidence. */
export function regionCandidates(scored: ScoredItem, rules: CompiledTagRules): RegionCandidate[] {
  const base = rules.slots.regionBase;
  return rules.regionIds.map((id, index) => ({ id, score: scored.scores[base + index]!, evidence: scored.evidence[base + index]! }));
}

/**
 * Regions as the region model decides them among those the rules named,
 * best first; the confidence is the model's probability, the evidence the
 * rule terms that named the region.
 */
function learnedRegions(model: RegionModel, scored: ScoredItem, rules: CompiledTagRules, context: RegionContext): TagSuggestion[] {
  const named = namedRegions(regionCandidates(scored, rules), model.minScore);
  if (named.length === 0) return [];
  const probabilities = regionProbabilities(model, named, context);
  const regions = named
    .map((candidate, index) => ({ id: candidate.id, confidence: round(probabilities[index]!), evidence: candidate.evidence as TagEvidence[] }))
    .filter((region) => region.confidence >= model.threshold);
  return sortSmall(regions, (a, b) => b.confidence - a.confidence);
}

/**
 * The feed's region is a weak prior: it strengthens a region the text already
 * names, and stands in for one only when the text names none but reads as
 * local news ("регион", "областной минздрав", "the republic's").
 */
function applySourcePrior(sourceRegion: string | null, rules: CompiledTagRules, scored: ScoredItem): void {
  const { sourcePrior: prior, noPriorFor } = rules.settings.regions;
  if (!sourceRegion || prior <= 0 || noPriorFor.includes(sourceRegion)) return;
  const index = rules.regionIds.indexOf(sourceRegion);
  if (index < 0) return;
  const slot = rules.slots.regionBase + index;
  let namesAny = false;
  for (let region = 0; region < rules.regionIds.length; region++) if (scored.scores[rules.slots.regionBase + region]! > 0) namesAny = true;
  const named = scored.scores[slot]! > 0;
  if (named || (!namesAny && scored.scores[rules.slots.localCue]! > 0)) {
    scored.scores[slot]! += prior;
    scored.evidence[slot]!.push({ term: SOURCE_PRIOR_TERM, field: 'summary', weight: prior });
  }
}
