import { storyFeatures, type StoryFeatures } from './features.ts';
import { PAIR_FEATURES, pairProbability } from './pairModel.ts';
import { defaultStoryRules, type CompiledStoryRules } from './storyRules.ts';

export type StoryItem = {
  id: string;
  /** The item's tasks as the tagger suggests them (empty for non-health items), when known. */
  topics?: readonly string[] | null;
  /** The item's regions as the tagger suggests them, when known. */
  regions?: readonly string[] | null;
  title: string;
  summary: string;
  /** Detected language; kept for callers, the features read the script themselves. */
  language: string;
  publishedAt: string | null;
  link?: string | null;
  guid?: string | null;
};

const DAY_MS = 86_400_000;

/** The topic of an item that is not health news, for the `topics` of StoryItem: such items are one topic. */
export const NOT_HEALTH_TOPIC = '(not health)';

/** Same page, however the feed wrote it: scheme, `www.`, trailing slash, fragment and tracking parameters aside. */
export function canonicalLink(link: string): string {
  try {
    const url = new URL(link.trim());
    for (const name of [...url.searchParams.keys()]) if (/^(utm_|yclid|fbclid|gclid)/.test(name)) url.searchParams.delete(name);
    const host = url.hostname.replace(/^www\./, '').toLowerCase();
    const path = url.pathname.replace(/\/+$/, '');
    const query = url.searchParams.toString();
    return `${host}${path}${query ? `?${query}` : ''}`;
  } catch {
    return link.trim().toLowerCase();
  }
}

export class UnionFind {
  readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, index) => index);
  }
  find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[index] !== root) {
      const next = this.parent[index]!;
      this.parent[index] = root;
      index = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}

export type StoryPair = { a: string; b: string; similarity: number; shared: string[] };

type Prepared = {
  features: StoryFeatures;
  time: number | null;
  language: string;
  /** Features of type number, for the conflict input. */
  numbers: number;
  topics: readonly string[] | null;
  regions: readonly string[] | null;
};

/** Both items name a place and no place is common to them: two events. */
function differentPlaces(first: StoryFeatures, second: StoryFeatures, rules: CompiledStoryRules): boolean {
  let firstHas = false;
  let secondHas = false;
  for (const place of rules.places) {
    const inFirst = first.features.has(place);
    const inSecond = second.features.has(place);
    if (inFirst && inSecond) return false;
    firstHas ||= inFirst;
    secondHas ||= inSecond;
  }
  return firstHas && secondHas;
}

/** Jaccard overlap of two label sets; null when either is unknown. Both empty count as the same. */
function overlap(first: readonly string[] | null, second: readonly string[] | null): number | null {
  if (!first || !second) return null;
  if (first.length === 0 && second.length === 0) return 1;
  const common = first.filter((label) => second.includes(label)).length;
  return common / (first.length + second.length - common);
}

/** A pair of items that share a feature that is not too common, with the pair model's inputs. */
export type CandidatePair = {
  a: number;
  b: number;
  score: number;
  anchors: number;
  inputs: Float64Array;
  /** The shared features, kept only when asked for (`withShared`): a batch of thousands has a hundred thousand candidates. */
  shared?: string[];
};

/**
 * Every pair of items worth comparing, with what they share. Items are
 * compared only through features they share (an inverted index), only within
 * the time window, and only through features that are not in a large share of
 * the batch, so a batch of 10,000 items costs little more than reading it.
 */
export function candidatePairs(
  items: readonly StoryItem[],
  rules: CompiledStoryRules = defaultStoryRules(),
  options: { withShared?: boolean } = {},
): CandidatePair[] {
  const withShared = options.withShared ?? false;
  const { settings } = rules;
  const prepared: Prepared[] = items.map((item) => {
    const time = item.publishedAt ? Date.parse(item.publishedAt) : Number.NaN;
    const features = storyFeatures(item, rules);
    // Words only compare within one language; without one, the script stands in.
    const language = item.language && item.language !== 'und' ? item.language : features.script;
    let numbers = 0;
    for (const type of features.features.values()) if (type === 'number') numbers++;
    return {
      features,
      time: Number.isFinite(time) ? time : null,
      language,
      numbers,
      topics: item.topics ?? null,
      regions: item.regions ?? null,
    };
  });
  // A sentence-initial capitalised word is a name when the batch uses it as one elsewhere.
  const names = new Set<string>();
  for (const { features } of prepared) for (const [key, type] of features.features) if (type === 'name') names.add(key);
  for (const { features } of prepared) {
    for (const key of features.initialNames) if (names.has(key)) features.features.set(key, 'name');
  }
  const postings = new Map<string, number[]>();
  prepared.forEach(({ features }, index) => {
    for (const key of features.features.keys()) {
      const list = postings.get(key);
      if (list) list.push(index);
      else postings.set(key, [index]);
    }
  });
  const total = items.length;
  // Specificity 0..1: 1 for a feature only this pair has, less the more items share it.
  const maxIdf = Math.log(1 + total / 2);
  const specificity = (key: string) => {
    if (total <= 2) return 1;
    const share = Math.min(1, Math.log(1 + total / (postings.get(key)?.length ?? 1)) / maxIdf);
    // Squared: a word in a tenth of the batch should count for little, not for half.
    return share * share;
  };
  const maxFrequency = Math.max(settings.minMaxDocumentFrequency, Math.floor(settings.maxDocumentShare * total));
  const window = settings.windowDays * DAY_MS;

  // Candidate pairs: items sharing a feature that is not too common, within
  // the time window. Each posting list is sorted by time, so a pair is only
  // formed between items at most windowDays apart (undated items meet all).
  const candidates = new Set<number>();
  const timeOrder = (a: number, b: number) =>
    (prepared[a]!.time ?? Number.NEGATIVE_INFINITY) - (prepared[b]!.time ?? Number.NEGATIVE_INFINITY);
  for (const [key, list] of postings) {
    if (list.length < 2 || list.length > maxFrequency) continue;
    const type = prepared[list[0]!]!.features.features.get(key)!;
    if (type === 'smallNumber' || type === 'year') continue;
    const sorted = [...list].sort(timeOrder);
    for (let i = 0; i < sorted.length; i++) {
      const timeI = prepared[sorted[i]!]!.time;
      for (let j = i + 1; j < sorted.length; j++) {
        const timeJ = prepared[sorted[j]!]!.time;
        if (timeI !== null && timeJ !== null && timeJ - timeI > window) break;
        const low = Math.min(sorted[i]!, sorted[j]!);
        const high = Math.max(sorted[i]!, sorted[j]!);
        candidates.add(low * total + high);
      }
    }
  }

  const pairs: CandidatePair[] = [];
  for (const code of [...candidates].sort((x, y) => x - y)) {
    const a = Math.floor(code / total);
    const b = code % total;
    const first = prepared[a]!;
    const second = prepared[b]!;
    if (first.time !== null && second.time !== null && Math.abs(first.time - second.time) > window) continue;
    if (differentPlaces(first.features, second.features, rules)) continue;
    const sameLanguage = first.language === second.language;
    const byType = { date: 0, number: 0, smallNumber: 0, year: 0, name: 0, concept: 0, stem: 0 };
    let sharedNumbers = 0;
    let sharedCount = 0;
    const shared: string[] | undefined = withShared ? [] : undefined;
    for (const [key, type] of first.features.features) {
      if (!second.features.features.has(key)) continue;
      if (type === 'stem' && !sameLanguage) continue;
      byType[type] += settings.weights[type] * specificity(key);
      if (type === 'number') sharedNumbers++;
      sharedCount++;
      shared?.push(key);
    }
    const anchors = byType.number + byType.name + byType.date;
    const score = anchors + byType.concept + byType.stem + byType.smallNumber + byType.year;
    const fewer = Math.max(1, Math.min(first.features.features.size, second.features.features.size));
    // The rank inputs (mutualBest...) follow once every pair is known.
    const inputs = new Float64Array(PAIR_FEATURES.length);
    inputs.set([
      score,
      anchors,
      byType.number + byType.smallNumber,
      byType.name,
      byType.date,
      byType.concept,
      byType.stem,
      sameLanguage ? 0 : 1,
      first.numbers > 0 && second.numbers > 0 && sharedNumbers === 0 ? 1 : 0,
      overlap(first.topics, second.topics) ?? 0.5,
      overlap(first.regions, second.regions) ?? 0.5,
      sharedCount / fewer,
    ]);
    pairs.push(shared ? { a, b, score, anchors, inputs, shared } : { a, b, score, anchors, inputs });
  }
  // How each pair ranks among the candidates of its two items.
  const best = new Float64Array(total);
  for (const pair of pairs) {
    best[pair.a] = Math.max(best[pair.a]!, pair.score);
    best[pair.b] = Math.max(best[pair.b]!, pair.score);
  }
  const mutualBest = PAIR_FEATURES.indexOf('mutualBest');
  const oneSidedBest = PAIR_FEATURES.indexOf('oneSidedBest');
  const scoreShare = PAIR_FEATURES.indexOf('scoreShare');
  for (const pair of pairs) {
    const forA = pair.score >= best[pair.a]!;
    const forB = pair.score >= best[pair.b]!;
    pair.inputs[mutualBest] = forA && forB ? 1 : 0;
    pair.inputs[oneSidedBest] = forA !== forB ? 1 : 0;
    pair.inputs[scoreShare] = pair.score / Math.max(1e-9, Math.max(best[pair.a]!, best[pair.b]!));
  }
  return pairs;
}

/** The candidate's chance of being one story: the pair model's, or 1/0 by the threshold rule. */
function pairChance(pair: CandidatePair, rules: CompiledStoryRules): number {
  if (rules.pairModel) return pairProbability(rules.pairModel, pair.inputs);
  const { threshold, minShared } = rules.settings;
  // Shared numbers or names are the usual proof; a same-language rewrite
  // sharing many rare words is proof enough on its own.
  return pair.score >= threshold && (pair.anchors >= minShared || pair.score >= 2 * threshold) ? 1 : 0;
}

/** Pairs of items that report the same event, with their similarity (the rule score). */
export function storyPairs(items: readonly StoryItem[], rules: CompiledStoryRules = defaultStoryRules()): StoryPair[] {
  const threshold = rules.pairModel?.threshold ?? 0.5;
  return candidatePairs(items, rules, { withShared: true })
    .filter((pair) => pairChance(pair, rules) >= threshold)
    .map((pair) => ({ a: items[pair.a]!.id, b: items[pair.b]!.id, similarity: Math.round(pair.score * 1000) / 1000, shared: pair.shared ?? [] }));
}

/**
 * Maps each item id to the id of the earliest item of its story (itself when
 * alone). Same link or guid is one story; otherwise items join when
 * `storyPairs` finds them similar enough. Earliest is by `publishedAt`
 * (items without a date count as latest), then by input order.
 */
export function groupStories(
  items: readonly StoryItem[],
  rules: CompiledStoryRules = defaultStoryRules(),
): Map<string, string> {
  const union = new UnionFind(items.length);
  const byIdentity = new Map<string, number>();
  items.forEach((item, index) => {
    const keys = [item.link ? `link:${canonicalLink(item.link)}` : null, item.guid ? `guid:${item.guid}` : null];
    for (const key of keys) {
      if (!key) continue;
      const other = byIdentity.get(key);
      if (other === undefined) byIdentity.set(key, index);
      else union.union(other, index);
    }
  });
  mergeStories(items.length, candidatePairs(items, rules), rules, union);

  const timeOf = (index: number) => {
    const time = Date.parse(items[index]!.publishedAt ?? '');
    return Number.isFinite(time) ? time : Number.POSITIVE_INFINITY;
  };
  const earliest = new Map<number, number>();
  items.forEach((_, index) => {
    const root = union.find(index);
    const best = earliest.get(root);
    if (best === undefined || timeOf(index) < timeOf(best)) earliest.set(root, index);
  });
  return new Map(items.map((item, index) => [item.id, items[earliest.get(union.find(index))!]!.id]));
}

/**
 * Joins the candidates into stories, strongest pair first. Two stories merge
 * only when the mean chance over every pair of their items reaches the link
 * threshold (a pair never compared counts as 0): a report that shares a name
 * with one item of a story and nothing with the others stays apart, so one
 * link does not chain two events.
 */
export function mergeStories(count: number, pairs: readonly CandidatePair[], rules: CompiledStoryRules, union: UnionFind): void {
  const threshold = rules.pairModel?.threshold ?? 0.5;
  const linkThreshold = rules.pairModel?.linkThreshold ?? 0.5;
  const chance = new Map<number, number>();
  const scored = pairs
    .map((pair) => ({ pair, p: pairChance(pair, rules) }))
    .filter(({ p }) => p > 0);
  for (const { pair, p } of scored) chance.set(pair.a * count + pair.b, p);
  const members = new Map<number, number[]>();
  const membersOf = (root: number) => members.get(root) ?? [root];
  for (let index = 0; index < count; index++) {
    const root = union.find(index);
    if (root !== index) members.set(root, [...membersOf(root), index]);
  }
  scored.sort((x, y) => y.p - x.p || x.pair.a - y.pair.a || x.pair.b - y.pair.b);
  for (const { pair, p } of scored) {
    if (p < threshold) break;
    const rootA = union.find(pair.a);
    const rootB = union.find(pair.b);
    if (rootA === rootB) continue;
    const first = membersOf(rootA);
    const second = membersOf(rootB);
    let sum = 0;
    for (const x of first) for (const y of second) sum += chance.get(Math.min(x, y) * count + Math.max(x, y)) ?? 0;
    if (sum / (first.length * second.length) < linkThreshold) continue;
    union.union(rootA, rootB);
    const root = union.find(rootA);
    members.set(root, [...first, ...second]);
    members.delete(root === rootA ? rootB : rootA);
  }
}
