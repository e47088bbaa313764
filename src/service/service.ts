import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatReportTable, loadSourceFiles } from '../cli/ingestCommand.ts';
import { prepareDataFolder, type DataFolder } from '../lib/content/dataFolder.ts';
import { loadSampleTranslations, planSampleTranslationMutations } from '../lib/content/seed/sampleTranslations.ts';
import { loadSeedDocuments, planSeedMutations, type SeedDocument } from '../lib/content/seed/seedDocuments.ts';
import { openTranslationCache, translateStore, translationSetupFromEnv } from '../pipeline/translate/index.ts';
import { buildSite } from '../lib/site/build/run.ts';
import type { SourceConfig } from '../pipeline/sources/sources.ts';
import { exitCodeOf, runIngest, type PipelineStages } from '../pipeline/run.ts';
import { createDefaultStages } from '../pipeline/stages.ts';
import { openStore } from '../pipeline/store/openStore.ts';
import { loadTagger } from '../pipeline/tag/index.ts';
import { polledSources, publishedBySource, scheduledNextFetchState, shownAfter, shownBefore } from './cycle.ts';
import { createWorkQueue, type QueueState } from './queue.ts';
import { claimDataFolder, releaseDataFolder, removeUnfinishedBuilds } from './recover.ts';
import { changedShown, nextWake } from './schedule.ts';
import { listenAddress, localSiteUrl, probePort } from './listen.ts';
import { serveSite, type RunningServer } from './serve.ts';
import { writeServiceState, type BuildSummary, type CycleSummary, type ServiceState } from './state.ts';
import { isRebuildRequest, QUEUE_STATE } from './webhook/parentRunner.ts';

// The long-running service behind `npm start` and `npm run worker`: the first
// ingest and build, then each source polled when its schedule says
// (schedule.ts), the site rebuilt only when something it shows changed, the
// Sanity webhook's rebuilds in the same queue (queue.ts), the server kept
// running across rebuilds, a state file for /api/health (state.ts), one log
// line per cycle. SIGTERM or SIGINT: the step running finishes, then the
// service stops; a second signal stops at once (the dataset is written
// atomically, so even that loses nothing stored).

export type ServiceOptions = {
  root: string;
  sourcesFiles: string[];
  data: DataFolder;
  /** Site folder (default `dist`). */
  outDir?: string;
  /** `serve`: also run the site server; `worker`: ingest and build only; `once`: one cycle and one build, then exit (`npm start -- --no-serve`). */
  mode: 'serve' | 'worker' | 'once';
  host?: string;
  port?: number;
  /** `--interval SECONDS`: every source at this interval. */
  intervalSeconds: number | null;
  /** `--only ID`: these sources only. */
  only?: string[];
  /** `--force`: the first cycle fetches every source, due or not. */
  force?: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The terminal's width, for the first ingest's table (process.stdout.columns on a terminal). */
  columns?: number;
  /** Injected in tests (a feed server's stages); default the production stages with the shipped tagger. */
  stages?: PipelineStages;
};

/** Longest timer Node allows; a later wake re-arms. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const timeOf = () => new Date().toISOString().slice(11, 19);

/** Runs the service until it is stopped (resolves with the exit status), or once. */
export async function runService(options: ServiceOptions): Promise<number> {
  const { root, stdout, stderr } = options;
  const say = (line: string) => stdout(`${line}\n`);
  const folder = await prepareDataFolder(options.data, root, 'write');
  if (!folder.ok) {
    stderr(`start: ${folder.error.code}: ${folder.error.message}\n`);
    return 2;
  }
  const dataDir = folder.value.dir;
  if (folder.value.note) say(folder.value.note);
  // A busy port is found now, not after the first ingest and build.
  let port = options.port;
  const address = listenAddress({ host: options.host, port: options.port }, process.env);
  if (options.mode === 'serve') {
    const probed = await probePort(address.host, address.port);
    if (!probed.ok) {
      stderr(`start: ${probed.error.code}: ${probed.error.message}\n`);
      return 1;
    }
    port = probed.value;
  }
  // Links, feeds and the sitemap name the address the site is served on, unless a public one is configured.
  // `once` (`npm start -- --no-serve`) builds for the address `npm start` would serve on; the worker's site is served elsewhere.
  const siteUrl = process.env.MEDCLUSTERS_SITE_URL || (options.mode === 'worker' ? undefined : localSiteUrl(address.host, port ?? address.port));
  const outDir = path.resolve(root, options.outDir ?? 'dist');

  const loadSelected = async (): Promise<{ ok: true; value: SourceConfig[] } | { ok: false; message: string }> => {
    const loaded = await loadSourceFiles(options.sourcesFiles);
    if (!loaded.ok) return { ok: false, message: `bad configuration: ${loaded.error.code}: ${loaded.error.message}` };
    const unknown = (options.only ?? []).filter((id) => !loaded.value.some((source) => source.id === id));
    if (unknown.length > 0) return { ok: false, message: `--only: no source with id ${unknown.join(', ')}` };
    return { ok: true, value: options.only ? loaded.value.filter((source) => options.only!.includes(source.id)) : loaded.value };
  };
  const first = await loadSelected();
  if (!first.ok) {
    stderr(`start: ${first.message}\n`);
    return 2;
  }
  let sources = first.value;
  let baseStages = options.stages;
  if (!baseStages) {
    const tagger = loadTagger(path.join(root, 'content/rules'));
    if (!tagger.ok) {
      stderr(`start: bad configuration: ${tagger.error.code}: ${tagger.error.message}\n`);
      return 2;
    }
    baseStages = createDefaultStages({ tagger: tagger.value });
  }
  const seedsLoaded = await loadSeedDocuments(root);
  if (!seedsLoaded.ok) {
    stderr(`start: bad configuration: ${seedsLoaded.error.code}: ${seedsLoaded.error.message}\n`);
    return 2;
  }
  const seeds: SeedDocument[] = seedsLoaded.value;
  const sampleTranslations = await loadSampleTranslations(root);
  if (!sampleTranslations.ok) {
    stderr(`start: bad configuration: ${sampleTranslations.error.code}: ${sampleTranslations.error.message}\n`);
    return 2;
  }
  const translation = translationSetupFromEnv(process.env);
  if (!translation.ok) {
    stderr(`start: bad configuration: ${translation.error.code}: ${translation.error.message}\n`);
    return 2;
  }

  const claim = await claimDataFolder(dataDir);
  if (!claim.ok) {
    stderr(`start: ${claim.message}\n`);
    return 2;
  }
  const leftovers = [...claim.recovered, ...(await removeUnfinishedBuilds(outDir))];
  if (leftovers.length > 0) say(`recovered from an interrupted run: removed ${leftovers.map((file) => path.relative(root, file) || file).join(', ')}`);

  const store = openStore(dataDir);
  const fixedIntervalMs = options.intervalSeconds === null ? null : options.intervalSeconds * 1000;
  const startedAt = new Date().toISOString();
  let server: RunningServer | null = null;
  let lastCycle: CycleSummary | null = null;
  let lastBuild: BuildSummary | null = null;
  let nextCycleAt: string | null = null;
  let stopping = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstCycle = true;
  let exitStatus = 0;

  const snapshotState = (queue: QueueState): ServiceState => ({
    pid: process.pid,
    mode: options.mode,
    startedAt,
    updatedAt: new Date().toISOString(),
    intervalSeconds: options.intervalSeconds,
    lastCycle,
    nextCycleAt,
    running: queue.running,
    buildQueued: queue.buildQueued,
    lastBuild,
    rssMb: Math.round(process.memoryUsage.rss() / 1e5) / 10,
    stopping,
  });
  let stateWrite = Promise.resolve();
  const publishState = (queue: QueueState) => {
    const state = snapshotState(queue);
    // One write at a time, in order; a failed write only costs the health route a stale answer.
    stateWrite = stateWrite.then(() => writeServiceState(dataDir, state)).catch((error: unknown) => stderr(`service state not written: ${(error as Error).message}\n`));
    server?.send({ type: QUEUE_STATE, buildRunning: queue.running === 'build', buildQueued: queue.buildQueued });
  };

  const startServer = async (): Promise<boolean> => {
    const served = await serveSite({
      root,
      outDir,
      dataDir,
      host: address.host,
      port,
      log: () => {},
      onMessage: (message) => {
        if (isRebuildRequest(message)) queue.requestBuild('webhook');
      },
    });
    if (!served.ok) {
      stderr(`start: ${served.error.code}: ${served.error.message}\n`);
      return false;
    }
    server = served.value;
    say(`\nThe site is at ${served.value.url}  (health: ${served.value.url}api/health)`);
    server.process.once('exit', (code, signal) => {
      if (!stopping) {
        stderr(`the site server exited (${code ?? signal}); stopping\n`);
        exitStatus = 1;
        void stop();
      }
    });
    return true;
  };

  /** `nextFetchAt`: each source's, as the cycle stored it; null when nothing was stored (retried after the interval, or a minute). */
  const scheduleNext = (nextFetchAt: ReadonlyMap<string, string | null> | null) => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (options.mode === 'once' || stopping) return;
    const now = new Date();
    const wake = nextFetchAt ? nextWake(sources, nextFetchAt, now) : new Date(now.getTime() + (fixedIntervalMs ?? 60_000));
    nextCycleAt = wake?.toISOString() ?? null;
    if (wake === null) return;
    // At least a second apart, so a clock that says "due" again at once cannot spin.
    const delay = Math.min(MAX_TIMER_MS, Math.max(1000, wake.getTime() - now.getTime()));
    timer = setTimeout(() => queue.requestCycle(), delay);
  };

  const cycle = async (): Promise<{ changed: boolean }> => {
    const started = new Date();
    const reloaded = await loadSelected();
    if (reloaded.ok) sources = reloaded.value;
    else stderr(`sources file not reloaded (${reloaded.message}); keeping the sources loaded before\n`);
    const before = await store.read();
    const documents = before.ok ? before.value : new Map();
    const stages: PipelineStages = {
      ...baseStages!,
      nextFetchState: scheduledNextFetchState(baseStages!.nextFetchState, {
        sources: new Map(sources.map((source) => [source.id, source])),
        published: publishedBySource(documents),
        fixedIntervalMs,
      }),
    };
    const report = await runIngest(sources, store, stages, {
      // One time for the whole cycle: sources polled together get the same next poll, and stay together.
      now: () => started,
      force: firstCycle && (options.force ?? false),
      seed: (existing) => [
        ...planSeedMutations(existing, seeds).mutations,
        ...(sampleTranslations.value ? planSampleTranslationMutations(existing, sampleTranslations.value) : []),
      ],
    });
    // After the items are stored and tagged: machine translations of what the site shows (a failure is in the report).
    if (translation.value !== null && !report.datasetError) {
      const { provider, budget } = translation.value;
      report.translation = await translateStore(store, provider, await openTranslationCache(dataDir), { budget });
    }
    if (firstCycle) {
      say(formatReportTable(report, options.columns));
      if (options.mode === 'once') exitStatus = exitCodeOf(report);
    }
    firstCycle = false;
    const changed =
      !report.datasetError && (changedShown(report.totals, shownBefore(documents, sources), shownAfter(report)) || (report.translation?.translated ?? 0) > 0);
    lastCycle = {
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      polled: polledSources(report),
      failed: report.totals.failed,
      new: report.totals.new,
      updated: report.totals.updated,
      changed,
      error: report.datasetError ? `${report.datasetError.code}: ${report.datasetError.message}` : null,
    };
    scheduleNext(report.datasetError ? null : new Map(report.sources.map((source) => [source.sourceId, source.nextFetchAt ?? null])));
    say(
      `[${timeOf()}] cycle: ${lastCycle.polled} sources polled (${lastCycle.failed} failed), ${lastCycle.new} new, ${lastCycle.updated} updated items` +
        `${lastCycle.error ? `; NOT stored: ${lastCycle.error}` : ''}${changed ? '; rebuilding' : '; site unchanged'}; next poll ${nextCycleAt ? nextCycleAt.slice(11, 19) : 'none'}; ${snapshotState(queue.state).rssMb} MB`,
    );
    return { changed };
  };

  const build = async (reasons: string[]): Promise<void> => {
    const built = await buildSite({ root, outDir, dataDir, siteUrl, stdio: 'pipe' });
    lastBuild = {
      finishedAt: new Date().toISOString(),
      ok: built.ok,
      ms: built.ok ? built.value.ms : 0,
      reasons,
      error: built.ok ? null : `${built.error.code}: ${built.error.message.split('\n')[0]}`,
    };
    if (!built.ok) {
      stderr(`[${timeOf()}] build (${reasons.join(', ')}) failed, the site is unchanged: ${built.error.message}\n`);
      if (options.mode === 'once') exitStatus = 1;
      return;
    }
    say(`[${timeOf()}] build (${reasons.join(', ')}): ${(built.value.ms / 1000).toFixed(1)} s`);
    if (options.mode === 'serve' && server === null && !stopping && !(await startServer())) {
      exitStatus = 1;
      void stop();
    }
  };

  const queue = createWorkQueue({
    cycle,
    build,
    onError: (step, error) => stderr(`[${timeOf()}] ${step} failed: ${(error as Error).stack ?? String(error)}\n`),
    onState: publishState,
  });

  let stopped: Promise<number> | null = null;
  let resolveDone: (status: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));
  // Keeps a worker with nothing scheduled alive until it is stopped.
  const keepAlive = options.mode === 'once' ? null : setInterval(() => undefined, 1 << 30);
  const stop = (): Promise<number> => {
    stopped ??= (async () => {
      stopping = true;
      if (timer !== null) clearTimeout(timer);
      if (keepAlive !== null) clearInterval(keepAlive);
      publishState(queue.state);
      await queue.stop();
      await (server as RunningServer | null)?.close();
      publishState(queue.state);
      await stateWrite;
      await releaseDataFolder(dataDir);
      resolveDone(exitStatus);
      return exitStatus;
    })();
    return stopped;
  };

  // The previous site is served at once while the first ingest and build run.
  if (options.mode === 'serve' && existsSync(path.join(outDir, 'server/entry.mjs')) && !(await startServer())) {
    await releaseDataFolder(dataDir);
    return 1;
  }
  queue.requestCycle();
  queue.requestBuild('start');
  if (options.mode === 'once') {
    await queue.idle();
    return stop();
  }
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      stderr(`${signal} again: stopping now\n`);
      process.exit(130);
    }
    say(`${signal}: stopping after the current step…`);
    void stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const status = await done;
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  return status;
}
