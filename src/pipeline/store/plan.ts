import {
  reference,
  refOf,
  regionId,
  sourceId as sourceDocumentId,
  taskId,
  type DatasetDocument,
} from './documents.ts';
import { machineFields, newItemDocument, toSetUnset, upstreamHash, type PreparedItem } from './itemDocument.ts';
import { applyMutations, type Mutation } from './mutations.ts';
import type { SourceConfig } from '../sources/sources.ts';
import { seededSourceFields, sourceConfigHash, sourceConfigIsSeeded } from '../sources/editable.ts';
import type { SourceState } from './documents.ts';
import taxonomy from '../../../content/taxonomy.json' with { type: 'json' };
import { NOT_HEALTH_TOPIC } from '../dedupe/groupStories.ts';
import { keepFreshTranslations } from '../translate/plan.ts';

export type ItemCounts = { new: number; updated: number; unchanged: number; duplicate: number };
export const emptyCounts = (): ItemCounts => ({ new: 0, updated: 0, unchanged: 0, duplicate: 0 });

/** Input of the story grouper: enough of each stored item to compare stories. */
export type StoryCandidate = {
  id: string;
  title: string;
  summary: string;
  language: string;
  publishedAt: string | null;
  link: string | null;
  /** The item's identity key (a URL, or a guid scoped by its source): equal keys are the same item. */
  guid: string | null;
  /** Suggested task ids (NOT_HEALTH_TOPIC for an item that is not health news) and region ids: reports of one event share them. */
  topics: string[];
  regions: string[];
};

/** The ids of a stored suggestion array (`[{tag: {_ref: 'task-x'}}]` → `['x']`). */
function suggestedIds(value: unknown, prefix: string): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const ref = refOf((entry as { tag?: unknown } | null)?.tag);
    return ref && ref.startsWith(prefix) ? [ref.slice(prefix.length)] : [];
  });
}
/** Maps each item id to the id of the earliest item of its story (itself when alone). */
export type StoryGrouper = (items: StoryCandidate[]) => Map<string, string>;

/** The task and region documents of the taxonomy, as first created. */
export function taxonomyDocuments(): DatasetDocument[] {
  const tasks = taxonomy.tasks.map((task, index) => ({
    _id: taskId(task.id),
    _type: 'task',
    slug: { _type: 'slug', current: task.id },
    title: task.label,
    scope: task.scope,
    seeds: task.seeds,
    order: index + 1,
  }));
  const regions = taxonomy.regions.map((region, index) => ({
    _id: regionId(region.id),
    _type: 'region',
    slug: { _type: 'slug', current: region.id },
    title: region.label,
    typicalForms: region.typicalForms,
    order: index + 1,
  }));
  return [...tasks, ...regions];
}

/** Task and region documents, created once; after that their labels are the editors'. */
export function taxonomyMutations(): Mutation[] {
  return taxonomyDocuments().map((document) => ({ createIfNotExists: document }));
}

/**
 * Creates the source document if missing and refreshes its fetch state. Its
 * configuration comes from the sources file only while no editor changed it
 * in the studio (src/pipeline/sources/editable.ts).
 */
export function sourceMutations(source: SourceConfig, state: SourceState, lastItemCount: number | null, existing?: DatasetDocument): Mutation[] {
  const id = sourceDocumentId(source.id);
  const seeded = seededSourceFields(source);
  const writeConfig = existing === undefined || sourceConfigIsSeeded(existing);
  const { set, unset } = toSetUnset({
    slug: { _type: 'slug', current: source.id },
    ...(writeConfig ? { ...seeded, configSeedHash: sourceConfigHash(seeded) } : {}),
    sample: source.sample,
    ...state,
    // Unknown this run (not fetched, not modified, failed): the count stored stays.
    ...(lastItemCount === null ? {} : { lastItemCount }),
  });
  return [{ createIfNotExists: { _id: id, _type: 'source' } }, { patch: { id, set, ...(unset.length ? { unset } : {}) } }];
}

/** Identity rungs whose key is the item's URL, comparable with links of other sources. */
const URL_KEYED: ReadonlySet<unknown> = new Set(['guid-url', 'link']);
/** Rungs of items whose feed gave no guid: only link, title and text say who they are. */
const WITHOUT_GUID: ReadonlySet<unknown> = new Set(['link', 'link-title', 'content-hash']);

type ItemIndex = {
  byId: Map<string, DatasetDocument>;
  byKey: Map<string, string>;
  /** Links and URL identity keys, each to the items that have it, in dataset order. */
  byUrl: Map<string, string[]>;
};

/** The identity key of a stored item; items stored before `identityKey` existed kept it in `guid`. */
const storedKey = (document: DatasetDocument): string | null =>
  typeof document.identityKey === 'string' ? document.identityKey : typeof document.guid === 'string' ? document.guid : null;

function urlsOf(link: unknown, key: string | null, guidSource: unknown): string[] {
  const urls = typeof link === 'string' ? [link] : [];
  if (key !== null && URL_KEYED.has(guidSource) && key !== link) urls.push(key);
  return urls;
}

function indexItems(documents: ReadonlyMap<string, DatasetDocument>): ItemIndex {
  const index: ItemIndex = { byId: new Map(), byKey: new Map(), byUrl: new Map() };
  for (const document of documents.values()) if (document._type === 'newsItem') addToIndex(index, document);
  return index;
}

function addToIndex(index: ItemIndex, document: DatasetDocument): void {
  index.byId.set(document._id, document);
  const key = storedKey(document);
  if (key !== null && !index.byKey.has(key)) index.byKey.set(key, document._id);
  for (const url of urlsOf(document.link, key, document.guidSource)) {
    const ids = index.byUrl.get(url) ?? [];
    if (!ids.includes(document._id)) ids.push(document._id);
    index.byUrl.set(url, ids);
  }
}

/**
 * The stored item a prepared item is, if any. By `_id` or identity key
 * first. Otherwise by link or URL identity, which has two meanings:
 * - an item of ANOTHER source with that URL is the same article reached
 *   through two sources;
 * - an item of the SAME source with another id is another item (two guids
 *   are two items whatever their links), except when neither has a guid and
 *   the titles are the same: the feed's link became shared by a second story,
 *   or stopped being shared, and the item's key moved between rungs 3 and 4
 *   of the identity chain (normalize/identity.ts).
 */
function findStored(index: ItemIndex, entry: PreparedItem, claimed: ReadonlySet<string>): string | undefined {
  const { item } = entry;
  if (index.byId.has(item._id)) return item._id;
  const byKey = index.byKey.get(item.identityKey);
  if (byKey !== undefined) return byKey;
  const mine = sourceDocumentId(entry.sourceId);
  const candidates = urlsOf(item.link, item.identityKey, item.guidSource).flatMap((url) => index.byUrl.get(url) ?? []);
  for (const id of candidates) {
    const owner = refOf(index.byId.get(id)!.source);
    if (owner !== null && owner !== mine) return id;
  }
  if (!WITHOUT_GUID.has(item.guidSource)) return undefined;
  return candidates.find((id) => {
    const stored = index.byId.get(id)!;
    return !claimed.has(id) && refOf(stored.source) === mine && WITHOUT_GUID.has(stored.guidSource) && stored.title === item.title;
  });
}

/**
 * Decides, per item, whether it is new, updated upstream, unchanged, or an item
 * already stored from another source (same `_id`, link or URL guid): stored
 * once, with the other source listed in `alsoSeenIn`. Only machine fields are
 * ever written to an existing item.
 */
export function planItemMutations(
  existing: ReadonlyMap<string, DatasetDocument>,
  prepared: readonly PreparedItem[],
  now: string,
): { mutations: Mutation[]; counts: Map<string, ItemCounts>; touched: Set<string> } {
  const index = indexItems(existing);
  const mutations: Mutation[] = [];
  const counts = new Map<string, ItemCounts>();
  const touched = new Set<string>();
  // Stored items already matched by an item of their own source in this run.
  const claimed = new Set<string>();
  for (const entry of prepared) {
    const count = counts.get(entry.sourceId) ?? emptyCounts();
    counts.set(entry.sourceId, count);
    const { item } = entry;
    const matchId = findStored(index, entry, claimed);
    if (matchId === undefined) {
      const document = newItemDocument(entry, now);
      mutations.push({ createIfNotExists: document });
      addToIndex(index, document);
      claimed.add(document._id);
      touched.add(document._id);
      count.new++;
      continue;
    }
    const current = index.byId.get(matchId)!;
    const owner = refOf(current.source);
    if (owner !== null && owner !== sourceDocumentId(entry.sourceId)) {
      const also = Array.isArray(current.alsoSeenIn) ? (current.alsoSeenIn as unknown[]) : [];
      const mine = sourceDocumentId(entry.sourceId);
      if (!also.some((value) => refOf(value) === mine)) {
        const alsoSeenIn = [...also, reference(mine, entry.sourceId)];
        mutations.push({ patch: { id: matchId, set: { alsoSeenIn } } });
        index.byId.set(matchId, { ...current, alsoSeenIn });
      }
      count.duplicate++;
      continue;
    }
    claimed.add(matchId);
    if (current.contentHash === upstreamHash(item)) {
      count.unchanged++;
      continue;
    }
    const fields = machineFields(entry, now);
    if (current.machineTranslations !== undefined) {
      // A machine translation of the old headline goes at once; the translate step makes the new one.
      const kept = keepFreshTranslations(current.machineTranslations, entry.language.language, item.title, item.summary);
      if (JSON.stringify(kept) !== JSON.stringify(current.machineTranslations)) fields.machineTranslations = kept;
    }
    // An estimated date is the first-seen time: keep the first one.
    if (item.publishedAtEstimated && typeof current.publishedAt === 'string') fields.publishedAt = current.publishedAt;
    const { set, unset } = toSetUnset(fields);
    // Fields the feed never had on this item stay unset; only drop what we once set.
    const presentUnset = unset.filter((field) => field in current);
    mutations.push({ patch: { id: matchId, set, ...(presentUnset.length ? { unset: presentUnset } : {}) } });
    addToIndex(index, { ...current, ...set });
    touched.add(matchId);
    count.updated++;
  }
  return { mutations, counts, touched };
}

const STORY_WINDOW_MS = 3 * 24 * 3600 * 1000;

/**
 * Re-groups stories around the items this run touched: they and every stored
 * item published within the window around them. Returns patches for items
 * whose `duplicateOf` changed.
 */
export function planStoryMutations(
  documents: ReadonlyMap<string, DatasetDocument>,
  touched: ReadonlySet<string>,
  groupStories: StoryGrouper,
): Mutation[] {
  const times = [...touched]
    .map((id) => Date.parse(String(documents.get(id)?.publishedAt ?? '')))
    .filter((time) => Number.isFinite(time));
  if (times.length === 0) return [];
  const from = Math.min(...times) - STORY_WINDOW_MS;
  const to = Math.max(...times) + STORY_WINDOW_MS;
  const candidates: StoryCandidate[] = [];
  for (const document of documents.values()) {
    if (document._type !== 'newsItem') continue;
    const time = Date.parse(String(document.publishedAt ?? ''));
    if (!(time >= from && time <= to) && !touched.has(document._id)) continue;
    candidates.push({
      id: document._id,
      title: String(document.title ?? ''),
      summary: String(document.summary ?? ''),
      language: String(document.language ?? 'und'),
      publishedAt: typeof document.publishedAt === 'string' ? document.publishedAt : null,
      link: typeof document.link === 'string' ? document.link : null,
      guid: storedKey(document),
      topics: document.health === false ? [NOT_HEALTH_TOPIC] : suggestedIds(document.suggestedTasks, taskId('')),
      regions: suggestedIds(document.suggestedRegions, regionId('')),
    });
  }
  const groups = groupStories(candidates);
  const mutations: Mutation[] = [];
  for (const candidate of candidates) {
    const head = groups.get(candidate.id) ?? candidate.id;
    const document = documents.get(candidate.id)!;
    const current = refOf(document.duplicateOf);
    const wanted = head === candidate.id ? null : head;
    if (current === wanted) continue;
    mutations.push(
      wanted === null
        ? { patch: { id: candidate.id, unset: ['duplicateOf'] } }
        : { patch: { id: candidate.id, set: { duplicateOf: reference(wanted) } } },
    );
  }
  return mutations;
}

/** The whole plan of one ingest, in the order a transaction must apply it. */
export function planIngest(input: {
  existing: ReadonlyMap<string, DatasetDocument>;
  sources: { config: SourceConfig; state: SourceState; itemCount: number | null }[];
  items: readonly PreparedItem[];
  now: string;
  groupStories?: StoryGrouper;
}): { mutations: Mutation[]; counts: Map<string, ItemCounts> } {
  const base = [
    ...taxonomyMutations(),
    ...input.sources.flatMap((source) => sourceMutations(source.config, source.state, source.itemCount, input.existing.get(sourceDocumentId(source.config.id)))),
  ];
  const afterBase = applyMutations(input.existing, base);
  const items = planItemMutations(afterBase, input.items, input.now);
  const stories = input.groupStories
    ? planStoryMutations(applyMutations(afterBase, items.mutations), items.touched, input.groupStories)
    : [];
  return { mutations: [...base, ...items.mutations, ...stories], counts: items.counts };
}
