import type {
  DecodeRepair,
  DecodedFeed,
  DetectedLanguage,
  FeedFormat,
  FeedRefreshHints,
  FetchRequest,
  FetchResult,
  LanguageDecision,
  NormalizeContext,
  NormalizedFeed,
  ParsedFeed,
  Result,
  StageError,
} from './model.ts';
import type { SourceConfig } from './sources/sources.ts';
import { configFromDocument } from './sources/editable.ts';
import { sourceId as sourceDocumentId, sourceStateSchema, type DatasetDocument, type SourceState } from './store/documents.ts';
import type { ItemTags, PreparedItem } from './store/itemDocument.ts';
import type { DatasetStore } from './store/local.ts';
import { applyMutations, type Mutation } from './store/mutations.ts';
import type { TranslationReport } from './translate/model.ts';
import { emptyCounts, planIngest, type ItemCounts, type StoryGrouper } from './store/plan.ts';

/** The stage functions a run is made of; injected so each can be replaced in tests and benches. */
export type PipelineStages = {
  fetchFeed: (request: FetchRequest) => Promise<FetchResult>;
  decodeFeed: (bytes: Uint8Array, contentType: string | null) => Result<DecodedFeed>;
  parseFeed: (text: string) => Promise<Result<ParsedFeed>>;
  normalizeFeed: (feed: ParsedFeed, context: NormalizeContext) => NormalizedFeed;
  detectLanguage: (input: { title: string; summary: string }, declared: SourceConfig['language'] | null) => LanguageDecision;
  tagItem?: (input: { title: string; summary: string; language: DetectedLanguage; sourceRegion: string | null }) => ItemTags;
  groupStories?: StoryGrouper;
  /**
   * Next fetch state after an outcome (backoff, Retry-After). `source` names the source, for a
   * schedule that depends on it (the service's: src/service/schedule.ts); a plain ingest ignores it.
   */
  nextFetchState: (previous: SourceState, outcome: FetchOutcome, now: Date, source?: { id: string }) => SourceState;
  isDue: (state: SourceState, now: Date) => boolean;
  /** Runs a fetch under the politeness rules (global and per-host limits). */
  schedule: <T>(url: string, task: () => Promise<T>) => Promise<T>;
};

export type FetchOutcome =
  | { ok: true; etag: string | null; lastModified: string | null; hints?: FeedRefreshHints }
  | { ok: false; error: StageError & { retryAfter?: string | null } };

export type PipelineStage = 'config' | 'fetch' | 'decode' | 'parse' | 'normalize' | 'store';

export type SourceStatus = 'ok' | 'not-modified' | 'failed' | 'backoff' | 'disabled';

export type SourceReport = {
  sourceId: string;
  status: SourceStatus;
  /** Set when failed: the stage that failed and why (stable code). */
  stage?: PipelineStage;
  error?: StageError;
  items: ItemCounts;
  /** Items the feed held. */
  feedItems: number;
  /** Items of the feed left out because an earlier item of the same feed is the same item (same guid, or same link and title). */
  droppedItems: number;
  encoding?: string;
  /** Set when decode read some bytes in another code page than `encoding` (see DecodeRepair). */
  repaired?: DecodeRepair;
  format?: FeedFormat;
  ms: number;
  nextFetchAt?: string | null;
  /** Failures in a row after this run (0 once it succeeds): a source in backoff with failures is still failing. */
  consecutiveFailures: number;
};

export type RunReport = {
  startedAt: string;
  finishedAt: string;
  dryRun: boolean;
  datasetLocation: string;
  sources: SourceReport[];
  /** `failed`: failed in this run; `backingOff`: not fetched, waiting after earlier failures. */
  totals: ItemCounts & { sources: number; failed: number; backingOff: number; dropped: number };
  /** Set when the dataset could not be read or written: nothing was stored. */
  datasetError?: StageError;
  /** The translate step after the store, when a provider is configured: its failures are here, never a stopped run. */
  translation?: TranslationReport & { written: number; storeError?: StageError };
};

export type RunOptions = {
  dryRun?: boolean;
  /** Fetch even sources that are backing off. */
  force?: boolean;
  now?: () => Date;
  /** Called as each source finishes fetching and processing (before the store commit): drives a progress bar. */
  onSourceProcessed?: (report: SourceReport) => void;
  /**
   * Documents seeded from data files (pages, site settings, the sample items'
   * translations: src/lib/content/seed), planned against the snapshot as the
   * items leave it (so a sample item created in this run gets its translation
   * at once) and committed with them.
   */
  seed?: (existing: ReadonlyMap<string, DatasetDocument>) => Mutation[];
};

type SourceOutcome = { report: SourceReport; state: SourceState; items: PreparedItem[] };

function readState(document: Record<string, unknown> | undefined): SourceState {
  const parsed = sourceStateSchema.safeParse(document ?? {});
  // A hand-edited or older source document with odd state starts afresh rather than failing the run.
  return parsed.success ? parsed.data : sourceStateSchema.parse({});
}

async function processSource(
  source: SourceConfig,
  previous: SourceState,
  stages: PipelineStages,
  options: RunOptions,
): Promise<SourceOutcome> {
  const clock = options.now ?? (() => new Date());
  const started = performance.now();
  const base: SourceReport = { sourceId: source.id, status: 'ok', items: emptyCounts(), feedItems: 0, droppedItems: 0, ms: 0, consecutiveFailures: 0 };
  const done = (report: Partial<SourceReport>, state: SourceState, items: PreparedItem[] = []): SourceOutcome => ({
    report: {
      ...base,
      ...report,
      ms: Math.round(performance.now() - started),
      nextFetchAt: state.nextFetchAt,
      consecutiveFailures: state.consecutiveFailures,
    },
    state,
    items,
  });

  if (!source.enabled || source.fetchUrl === null) {
    return done({ status: 'disabled', error: { code: 'disabled', message: source.note ?? 'source disabled' } }, previous);
  }
  if (!options.force && !stages.isDue(previous, clock())) {
    return done(
      {
        status: 'backoff',
        error: {
          code: 'backoff',
          message:
            previous.consecutiveFailures > 0
              ? `backing off after ${previous.consecutiveFailures} failures until ${previous.nextFetchAt}`
              : `not due before ${previous.nextFetchAt} (the service's schedule; --force fetches it now)`,
        },
      },
      previous,
    );
  }

  // A file: feed is fetched at its absolute path on this machine, but named as the sources file writes it
  // (`file:feeds/x.xml`): the stored message is the same on every machine and shows no local path.
  const asConfigured = (message: string): string =>
    source.fetchUrl !== null && source.feedUrl !== null && source.fetchUrl !== source.feedUrl ? message.split(source.fetchUrl).join(source.feedUrl) : message;
  const failAt = (stage: PipelineStage, error: StageError & { retryAfter?: string | null }): SourceOutcome => {
    const named = { ...error, message: asConfigured(error.message) };
    const state = stages.nextFetchState(previous, { ok: false, error: named }, clock(), { id: source.id });
    return done({ status: 'failed', stage, error: { code: named.code, message: named.message } }, state);
  };

  const feedUrl = source.fetchUrl;
  const fetched = await stages.schedule(feedUrl, () =>
    stages.fetchFeed({ url: feedUrl, etag: previous.etag, lastModified: previous.lastModified }),
  );
  if (!fetched.ok) return failAt('fetch', fetched.error);
  const response = fetched.value;
  if (response.status === 'not-modified') {
    const hints = { cacheControl: response.cacheControl ?? null };
    const state = stages.nextFetchState(previous, { ok: true, etag: response.etag, lastModified: response.lastModified, hints }, clock(), { id: source.id });
    return done({ status: 'not-modified' }, state);
  }

  const decoded = stages.decodeFeed(response.body, response.contentType);
  if (!decoded.ok) return failAt('decode', decoded.error);
  const parsed = await stages.parseFeed(decoded.value.text);
  if (!parsed.ok) return failAt('parse', parsed.error);

  const now = clock().toISOString();
  let normalized: NormalizedFeed;
  try {
    normalized = stages.normalizeFeed(parsed.value, {
      sourceId: source.id,
      feedUrl: response.finalUrl,
      contentLocation: response.contentLocation,
      contentLanguage: response.contentLanguage,
      now,
      timeZone: source.timeZone,
    });
  } catch (error) {
    // normalize is pure and total by contract; a throw is a bug, but one feed's bug must not stop the others.
    return failAt('normalize', { code: 'normalize_bug', message: `${feedUrl}: ${(error as Error).message}` });
  }
  const items: PreparedItem[] = normalized.items.map((item) => {
    const language = stages.detectLanguage({ title: item.title, summary: item.summary }, source.language);
    const tags = stages.tagItem
      ? stages.tagItem({ title: item.title, summary: item.summary, language: language.language, sourceRegion: source.region })
      : null;
    return { sourceId: source.id, item, language, tags };
  });
  const hints = { ...parsed.value.refresh, cacheControl: response.cacheControl ?? null };
  const state = stages.nextFetchState(previous, { ok: true, etag: response.etag, lastModified: response.lastModified, hints }, clock(), { id: source.id });
  return done(
    {
      status: 'ok',
      feedItems: parsed.value.items.length,
      droppedItems: normalized.dropped.length,
      encoding: decoded.value.encoding,
      ...(decoded.value.repaired ? { repaired: decoded.value.repaired } : {}),
      format: parsed.value.format,
    },
    state,
    items,
  );
}

/**
 * One ingest: every source is fetched and processed independently (a broken
 * source is a value in the report, never an exception that stops the run),
 * then all changes are planned and written in one store transaction.
 */
export async function runIngest(
  sources: readonly SourceConfig[],
  store: DatasetStore,
  stages: PipelineStages,
  options: RunOptions = {},
): Promise<RunReport> {
  const clock = options.now ?? (() => new Date());
  const startedAt = clock().toISOString();
  const report = (partial: Partial<RunReport> & Pick<RunReport, 'sources'>): RunReport => {
    const totals = { ...emptyCounts(), sources: partial.sources.length, failed: 0, backingOff: 0, dropped: 0 };
    for (const source of partial.sources) {
      totals.dropped += source.droppedItems;
      if (isBackingOffAfterFailures(source)) totals.backingOff++;
      totals.new += source.items.new;
      totals.updated += source.items.updated;
      totals.unchanged += source.items.unchanged;
      totals.duplicate += source.items.duplicate;
      if (source.status === 'failed') totals.failed++;
    }
    return {
      startedAt,
      finishedAt: clock().toISOString(),
      dryRun: options.dryRun ?? false,
      datasetLocation: store.location,
      totals,
      ...partial,
    };
  };

  // Fetch state (validators, backoff) comes from a read before fetching: the
  // lock is not held through the network. What is stored is decided again
  // under the lock, against the dataset as it is then.
  const existing = await store.read();
  if (!existing.ok) return report({ sources: [], datasetError: existing.error });

  const outcomes = await Promise.all(
    sources.map(async (source) => {
      const document = existing.value.get(sourceDocumentId(source.id));
      const previous = readState(document);
      // Fetched as configured in the dataset: an editor's change in the studio wins over the sources file.
      const outcome = await processSource(configFromDocument(source, document), previous, stages, options);
      options.onSourceProcessed?.(outcome.report);
      return outcome;
    }),
  );

  const now = clock().toISOString();
  const planAgainst = (documents: ReadonlyMap<string, DatasetDocument>) =>
    planIngest({
      existing: documents,
      sources: outcomes.map((outcome, index) => ({
        config: sources[index]!,
        state: outcome.state,
        itemCount: outcome.report.status === 'ok' ? outcome.report.feedItems : null,
      })),
      items: outcomes.flatMap((outcome) => outcome.items),
      now,
      ...(stages.groupStories ? { groupStories: stages.groupStories } : {}),
    });
  const withCounts = (counts: Map<string, ItemCounts>) =>
    outcomes.map((outcome) => ({ ...outcome.report, items: counts.get(outcome.report.sourceId) ?? emptyCounts() }));

  if (options.dryRun) return report({ sources: withCounts(planAgainst(existing.value).counts) });
  const committed = await store.transaction((snapshot) => {
    const plan = planAgainst(snapshot);
    // The seeded documents are planned on the snapshot with the items applied, and written in the same transaction.
    const seeded = options.seed?.(applyMutations(snapshot, plan.mutations)) ?? [];
    return { mutations: [...plan.mutations, ...seeded], result: plan.counts };
  });
  // Not written: the counts say what the run would have stored over the dataset it read first.
  if (!committed.ok) return report({ sources: withCounts(planAgainst(existing.value).counts), datasetError: committed.error });
  return report({ sources: withCounts(committed.value.result) });
}

const isBackingOffAfterFailures = (source: SourceReport): boolean => source.status === 'backoff' && source.consecutiveFailures > 0;

/**
 * Exit status of `npm run ingest`: 2 configuration or dataset error; 1 when
 * no source succeeded and every enabled one is failing: failed in this run,
 * or not fetched because it is backing off after failures (a source in
 * backoff is still a broken source); else 0.
 */
export function exitCodeOf(report: RunReport): 0 | 1 | 2 {
  if (report.datasetError) return 2;
  const enabled = report.sources.filter((source) => source.status !== 'disabled');
  if (enabled.length > 0 && enabled.every((source) => source.status === 'failed' || isBackingOffAfterFailures(source))) return 1;
  return 0;
}
