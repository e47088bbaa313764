import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/lib/site/build/run.ts';
import { serveSite, type RunningServer } from '../../src/service/serve.ts';
import { buildsDirOf, cacheDirOf, INCOMPLETE_MARKER, removeSite } from '../../src/lib/site/build/output.ts';
import { generateDataset, writeDataset } from './fixtures/generateDataset.ts';
import { ROOT } from './helpers/siteBuild.ts';

// A site built outside the project, served, rebuilt under load and rebuilt
// from a broken dataset: readers never see a missing or broken site, and the
// running server serves each new build without a restart.

let work: string;
let outDir: string;
let dataDir: string;
let server: RunningServer;

const build = () => buildSite({ root: ROOT, outDir, dataDir, siteUrl: 'https://swap.test', stdio: 'pipe', env: { MEDCLUSTERS_IMAGES: 'off' } });
const itemPages = async (): Promise<string[]> => readdirSync(path.join(outDir, 'client/ru/news')).map((slug) => `/ru/news/${slug}/`);

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'medclusters-swap-'));
  outDir = path.join(work, 'site');
  dataDir = path.join(work, 'data');
  await writeDataset(dataDir, generateDataset({ items: 12, seed: 3, allShown: true }));
  const built = await build();
  if (!built.ok) throw new Error(built.error.message);
  const served = await serveSite({ root: ROOT, outDir, dataDir, port: 0, log: () => {} });
  if (!served.ok) throw new Error(served.error.message);
  server = served.value;
}, 240_000);

afterAll(async () => {
  await server?.close();
  if (outDir) await removeSite(outDir);
});

describe('a site outside the project', () => {
  it('builds and serves from a folder outside the project', async () => {
    expect(path.relative(ROOT, realpathSync(outDir)).startsWith('..')).toBe(true);
    const response = await fetch(new URL('/ru/', server.url));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<html lang="ru"');
    expect((await fetch(new URL('/api/health', server.url))).status).toBe(200);
  });
});

describe('rebuilding while serving', () => {
  it('keeps answering 200 during a rebuild and serves the new build afterwards, without a restart', async () => {
    const before = new Set(await itemPages());
    const pages = ['/ru/', '/en/', '/ru/tasks/', '/en/archive/', ...[...before].slice(0, 3)];
    await writeDataset(dataDir, generateDataset({ items: 30, seed: 3, allShown: true }));
    let stop = false;
    const statuses = new Map<number, number>();
    let requests = 0;
    const hammer = async () => {
      while (!stop) {
        const pathname = pages[requests++ % pages.length]!;
        const response = await fetch(new URL(pathname, server.url));
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    const load = [hammer(), hammer(), hammer()];
    const rebuilt = await build();
    // Requests keep going across the swap itself, not only during the build.
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop = true;
    await Promise.all(load);
    expect(rebuilt.ok, rebuilt.ok ? '' : rebuilt.error.message).toBe(true);
    expect([...statuses.keys()]).toEqual([200]);
    expect(requests).toBeGreaterThan(50);

    const after = await itemPages();
    const added = after.filter((page) => !before.has(page));
    expect(added.length).toBeGreaterThan(10);
    const response = await fetch(new URL(added[0]!, server.url));
    expect(response.status).toBe(200);
    const home = await (await fetch(new URL('/ru/', server.url))).text();
    expect(home).toBe(await readFile(path.join(outDir, 'client/ru/index.html'), 'utf8'));
    // The server process is the one started before the rebuild.
    expect(server.process.exitCode).toBeNull();
  }, 240_000);

  it('leaves the site as it was when a build fails', async () => {
    const current = realpathSync(outDir);
    const home = await (await fetch(new URL('/ru/', server.url))).text();
    const dataset = path.join(dataDir, 'dataset.ndjson');
    await writeFile(dataset, `${await readFile(dataset, 'utf8')}{"_id": "broken", "_type":\n`);
    const failed = await build();
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.message).toMatch(/unchanged/);
    expect(realpathSync(outDir)).toBe(current);
    expect(await (await fetch(new URL('/ru/', server.url))).text()).toBe(home);
    // The failed build's folder is gone; the current build and the one before it stay, beside the incremental cache,
    // which is marked so that the next build trusts none of it.
    expect(existsSync(path.join(cacheDirOf(outDir), INCOMPLETE_MARKER))).toBe(true);
    const builds = readdirSync(buildsDirOf(outDir)).filter((entry) => entry !== 'node_modules' && entry !== 'cache');
    expect(builds).toHaveLength(2);
    expect(builds).toContain(path.basename(current));
    expect(existsSync(path.join(current, 'client/ru/index.html'))).toBe(true);
  }, 240_000);

  it('keeps the live site when a build would take most of its items off, and swaps with --force', async () => {
    const current = realpathSync(outDir);
    const livePages = (await itemPages()).length;
    expect(livePages).toBeGreaterThanOrEqual(20);
    await writeDataset(dataDir, generateDataset({ items: 3, seed: 3, allShown: true }));
    const refused = await build();
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('site_would_shrink');
      expect(refused.error.message).toContain(`where the live site shows ${livePages}`);
    }
    expect(realpathSync(outDir)).toBe(current);
    expect((await fetch(new URL('/ru/', server.url))).status).toBe(200);
    const forced = await buildSite({ root: ROOT, outDir, dataDir, siteUrl: 'https://swap.test', stdio: 'pipe', env: { MEDCLUSTERS_IMAGES: 'off' }, force: true });
    expect(forced.ok, forced.ok ? '' : forced.error.message).toBe(true);
    expect(realpathSync(outDir)).not.toBe(current);
    expect((await itemPages()).length).toBeLessThan(livePages / 2);
  }, 240_000);
});
