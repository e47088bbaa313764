import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SIGNATURE_HEADER_NAME, encodeSignatureHeader } from '@sanity/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildsDirOf, removeSite } from '../../src/lib/site/build/output.ts';
import { parseDataset } from '../../src/pipeline/store/ndjson.ts';
import { liveSourcesFile, startLiveFeed, type LiveFeed } from '../../src/service/liveFeed.ts';
import { startService, type RunningService } from '../../src/service/spawnService.ts';

// The service as a reader and an operator meet it: `npm start` over a feed on
// 127.0.0.1 that publishes items while the service runs. New items reach
// /ru/feed.json, /ru/ answers 200 throughout the rebuilds, a webhook rebuild
// goes through the same queue, a SIGKILL mid-build and one mid-ingest lose
// nothing and the next start cleans up, and SIGTERM stops cleanly. One
// service at a time, each build a small site.

const SECRET = 'live-test-secret';
let feed: LiveFeed;
let work: string;
let data: string;
let out: string;
let sourcesFile: string;
const running: RunningService[] = [];

beforeAll(async () => {
  feed = await startLiveFeed(2);
  work = await mkdtemp(path.join(os.tmpdir(), 'medclusters-live-'));
  data = path.join(work, 'data');
  out = path.join(work, 'site');
  sourcesFile = path.join(work, 'sources.json');
  await writeFile(sourcesFile, liveSourcesFile(feed.url));
});

afterAll(async () => {
  for (const service of running) service.kill('SIGKILL');
  await feed?.close();
  if (out) await removeSite(out);
  if (work) await rm(work, { recursive: true, force: true });
});

/** `--port 0 --host 127.0.0.1`, or the same from PORT and HOST in the environment. */
const start = (address: 'flags' | 'environment' = 'flags'): RunningService => {
  const flags = address === 'flags' ? ['--port', '0', '--host', '127.0.0.1'] : [];
  const env = address === 'flags' ? { PORT: '4321', HOST: '0.0.0.0' } : { PORT: '0', HOST: '127.0.0.1' };
  const service = startService(['--sources', sourcesFile, '--data', data, '--out', out, ...flags, '--interval', '2'], { SANITY_WEBHOOK_SECRET: SECRET, ...env });
  running.push(service);
  return service;
};
const siteUrl = async (service: RunningService) => {
  const url = (await service.waitFor(/The site is at (http:\S+)/))[1]!;
  // Flags win over PORT and HOST (set to 4321 and 0.0.0.0 beside them).
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:(?!4321\/)\d+\/$/);
  return url;
};
const feedTitles = async (url: string): Promise<string[]> => {
  const response = await fetch(new URL('ru/feed.json', url));
  return response.ok ? ((await response.json()) as { items: { title: string }[] }).items.map((item) => item.title) : [];
};
async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
/** Readers on /ru/ until stopped: every status answered, counted. */
function readers(url: string) {
  let stop = false;
  const statuses = new Map<number, number>();
  const reader = async () => {
    while (!stop) {
      const response = await fetch(new URL('ru/', url)).catch(() => null);
      await response?.arrayBuffer();
      const status = response?.status ?? 0;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const load = [reader(), reader()];
  return async () => {
    stop = true;
    await Promise.all(load);
    return statuses;
  };
}
const storedTitles = async (): Promise<string[]> => {
  const file = path.join(data, 'dataset.ndjson');
  const parsed = parseDataset(await readFile(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return [...parsed.value.values()].filter((doc) => doc._type === 'newsItem').map((doc) => String(doc.title));
};

describe('npm start keeps the site current', () => {
  it('shows published items within the interval and a build, serving 200 throughout; survives SIGKILL mid-build and mid-ingest; stops on SIGTERM', async () => {
    // First start: a new data folder, the first ingest, build and serve.
    const first = start();
    const url = await siteUrl(first);
    expect(first.output()).toContain(`new data folder ${data}`);
    expect(await feedTitles(url)).toEqual(expect.arrayContaining(feed.items.map((item) => item.title)));

    // A new item: polled every 2 s, rebuilt, visible; readers see 200 all along, across the swap.
    const stopReaders = readers(url);
    const item = feed.publish();
    await until(async () => (await feedTitles(url)).includes(item.title), 120_000, `${item.title} in /ru/feed.json`);
    const visibleAfterMs = Date.now() - item.publishedAt.getTime();
    const statuses = await stopReaders();
    expect([...statuses.keys()]).toEqual([200]);
    expect(statuses.get(200)).toBeGreaterThan(20);
    console.log(`time to visible (interval 2 s, contended machine): ${(visibleAfterMs / 1000).toFixed(1)} s`);

    // /api/health tells what the service does; a webhook rebuild joins the same queue.
    const body = JSON.stringify({ _id: 'page-about-ru', _type: 'page' });
    const signature = await encodeSignatureHeader(body, Date.now(), SECRET);
    const hook = await fetch(new URL('api/sanity-webhook', url), { method: 'POST', body, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER_NAME]: signature } });
    expect(hook.status).toBe(202);
    await until(
      async () => ((await (await fetch(new URL('api/health', url))).json()) as { service: { lastBuild: { reasons: string[] } } }).service.lastBuild.reasons.includes('webhook'),
      120_000,
      'the webhook rebuild',
    );
    const health = (await (await fetch(new URL('api/health', url))).json()) as { status: string; service: Record<string, unknown> };
    expect(health.status).toBe('ok');
    expect(health.service).toMatchObject({ alive: true, mode: 'serve', intervalSeconds: 2, stopping: false, lastBuild: { ok: true } });
    expect(health.service.lastCycle).toMatchObject({ polled: 1, failed: 0, error: null });
    expect(Date.parse(String(health.service.nextCycleAt))).toBeGreaterThan(Date.now() - 60_000);
    expect(first.output()).toMatch(/cycle: 1 sources polled \(0 failed\), 1 new, 0 updated items; rebuilding/);

    // SIGKILL while a build runs: the item stored before it stays stored.
    const mark = first.output().length;
    const duringBuild = feed.publish();
    await first.waitFor(/rebuilding/, 60_000, mark);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    first.kill('SIGKILL');
    await first.exited;
    expect(await storedTitles()).toContain(duringBuild.title);

    // The next start serves the previous site at once and removes the unfinished build;
    // SIGKILL again while it waits on the feed (mid-ingest).
    feed.stall = true;
    const second = start();
    const url2 = await siteUrl(second);
    expect(second.output()).toMatch(/recovered from an interrupted run: removed [^\n]*builds/);
    expect((await fetch(new URL('ru/', url2))).status).toBe(200);
    const requestsBefore = feed.requests;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    second.kill('SIGKILL');
    await second.exited;
    feed.stall = false;
    expect(feed.requests).toBe(requestsBefore + 1);

    // A clean start: everything published is stored once and shown; only complete builds remain.
    const third = start('environment');
    const url3 = await siteUrl(third);
    expect(url3).toMatch(/^http:\/\/127\.0\.0\.1:(?!4321\/)\d+\/$/);
    await until(async () => (await feedTitles(url3)).includes(duringBuild.title), 120_000, 'the item stored before the kill');
    const stored = await storedTitles();
    expect(stored.sort()).toEqual(feed.items.map((published) => published.title).sort());
    await third.waitFor(/build \(start/);
    for (const build of readdirSync(buildsDirOf(out)).filter((entry) => entry !== 'node_modules' && entry !== 'cache')) {
      expect(existsSync(path.join(buildsDirOf(out), build, 'client/ru/index.html')), build).toBe(true);
    }

    // SIGTERM: the step running finishes, the server stops, the data folder is released.
    third.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(third.output()).toContain('SIGTERM: stopping after the current step');
    expect(existsSync(path.join(data, 'service.pid'))).toBe(false);
    const state = JSON.parse(await readFile(path.join(data, 'service.json'), 'utf8')) as { stopping: boolean; running: string | null };
    expect(state).toMatchObject({ stopping: true, running: null });
    await expect(fetch(new URL('ru/', url3))).rejects.toThrow();
  }, 600_000);
});

describe('npm run worker', () => {
  it('ingests and rebuilds the site folder on the schedule without serving it, and stops on SIGTERM', async () => {
    const workerData = path.join(work, 'worker-data');
    const workerOut = path.join(work, 'worker-site');
    const worker = startService(['--sources', sourcesFile, '--data', workerData, '--out', workerOut, '--interval', '1'], {}, 'scripts/worker.ts');
    running.push(worker);
    try {
      await worker.waitFor(/build \(start, ingest\): [\d.]+ s/);
      const mark = worker.output().length;
      const item = feed.publish();
      await worker.waitFor(/1 new, 0 updated items; rebuilding/, 60_000, mark);
      await worker.waitFor(/build \(ingest\): [\d.]+ s/, 120_000, mark);
      const published = JSON.parse(await readFile(path.join(workerOut, 'client/ru/feed.json'), 'utf8')) as { items: { title: string }[] };
      expect(published.items.map((entry) => entry.title)).toContain(item.title);
      expect(worker.output()).not.toMatch(/The site is at/);
      expect(JSON.parse(await readFile(path.join(workerData, 'service.json'), 'utf8'))).toMatchObject({ mode: 'worker', intervalSeconds: 1 });
    } finally {
      worker.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      await removeSite(workerOut);
    }
  }, 300_000);
});
