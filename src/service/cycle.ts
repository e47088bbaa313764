import type { SourceConfig } from '../pipeline/sources/sources.ts';
import type { DatasetDocument, SourceState } from '../pipeline/store/documents.ts';
import { sourceId as sourceDocumentId } from '../pipeline/store/documents.ts';
import type { FetchOutcome, PipelineStages, RunReport } from '../pipeline/run.ts';
import { nextPollAt, type SchedulePolicy, type ShownSourceState } from './schedule.ts';

// The pure parts of one service cycle: what the dataset says before it, the
// schedule the ingest applies, and what the run report says after it.

/** publishedAt of the stored items of each source (source document id → dates), for the adaptive interval. */
export function publishedBySource(documents: ReadonlyMap<string, DatasetDocument>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const document of documents.values()) {
    if (document._type !== 'newsItem') continue;
    const source = (document.source as { _ref?: string } | undefined)?._ref;
    if (typeof source !== 'string' || typeof document.publishedAt !== 'string') continue;
    let dates = out.get(source);
    if (!dates) out.set(source, (dates = []));
    dates.push(document.publishedAt);
  }
  return out;
}

/** What the site shows of each source's fetch state before a cycle. */
export function shownBefore(documents: ReadonlyMap<string, DatasetDocument>, sources: readonly SourceConfig[]): Map<string, ShownSourceState> {
  const out = new Map<string, ShownSourceState>();
  for (const source of sources) {
    const document = documents.get(sourceDocumentId(source.id));
    if (!document) continue;
    const failures = typeof document.consecutiveFailures === 'number' ? document.consecutiveFailures : 0;
    const code = (document.lastError as { code?: string } | null | undefined)?.code ?? null;
    out.set(source.id, { failing: failures > 0 && code !== null, code: failures > 0 ? code : null });
  }
  return out;
}

/** ...and after it, from the run report, for the sources fetched (one not due or disabled kept its state). */
export function shownAfter(report: RunReport): Map<string, ShownSourceState> {
  const out = new Map<string, ShownSourceState>();
  for (const source of report.sources) {
    if (source.status === 'disabled' || source.status === 'backoff') continue;
    const failing = source.consecutiveFailures > 0;
    out.set(source.sourceId, { failing, code: failing ? (source.error?.code ?? null) : null });
  }
  return out;
}

/**
 * The ingest's next-fetch decision under the service: the pipeline's own
 * (validators, backoff, Retry-After), with `nextFetchAt` set by the schedule
 * also after a success, so a restart resumes where the service left off.
 */
export function scheduledNextFetchState(
  base: PipelineStages['nextFetchState'],
  context: { sources: ReadonlyMap<string, SourceConfig>; published: ReadonlyMap<string, readonly string[]>; fixedIntervalMs: number | null; policy?: SchedulePolicy },
): PipelineStages['nextFetchState'] {
  return (previous: SourceState, outcome: FetchOutcome, now: Date, source?: { id: string }): SourceState => {
    const next = base(previous, outcome, now, source);
    if (!source) return next;
    const config = context.sources.get(source.id);
    const decision = nextPollAt(
      {
        now,
        fixedIntervalMs: context.fixedIntervalMs,
        pollIntervalMinutes: config?.pollInterval ?? null,
        publishedAt: context.published.get(sourceDocumentId(source.id)) ?? [],
        hints: outcome.ok ? (outcome.hints ?? null) : null,
        backoffUntil: outcome.ok ? null : next.nextFetchAt,
      },
      context.policy,
    );
    return { ...next, nextFetchAt: decision.at.toISOString() };
  };
}

/** Sources the cycle fetched (not skipped as not due, not disabled). */
export const polledSources = (report: RunReport): number => report.sources.filter((source) => source.status !== 'backoff' && source.status !== 'disabled').length;
