import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A mistyped data folder is an error for the commands that only read it: no
// empty site built, swapped in or served, no "0 items" retag.

const ROOT = path.resolve(import.meta.dirname, '..');

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a data folder without a dataset', () => {
  it.each<[string, (dir: string, out: string) => string[], Record<string, string>]>([
    ['npm run build -- --data DIR', (dir, out) => ['scripts/build-site.ts', '--data', dir, '--out', out], {}],
    ['npm run build with MEDCLUSTERS_DATA_DIR', (_dir, out) => ['scripts/build-site.ts', '--out', out], { MEDCLUSTERS_DATA_DIR: 'DIR' }],
    ['npm run serve -- --data DIR', (dir, out) => ['scripts/serve.ts', '--data', dir, '--out', out, '--port', '0'], {}],
    ['npm run retag -- --data DIR', (dir) => ['scripts/retag.ts', '--data', dir], {}],
  ])('%s: exit 2 naming the folder, nothing built', async (_name, args, env) => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'medclusters-nodata-'));
    const dir = path.join(work, 'contnet');
    const out = path.join(work, 'site');
    const { code, stderr } = await run(args(dir, out), Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === 'DIR' ? dir : value])));
    expect(code).toBe(2);
    expect(stderr).toContain(`data_folder_empty: ${dir}: no dataset.ndjson in this data folder`);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the bundled dataset (npm run bundle)', () => {
  it('carries no fetch history of the machine that made it: a new installation starts without backoff or errors', async () => {
    const documents = (await readFile(path.join(ROOT, 'content/dataset.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const real = documents.filter((document) => document._type === 'source' && document.sample !== true);
    expect(real.length).toBeGreaterThan(5);
    for (const source of real) {
      const { _id, etag, lastModified, lastFetchedAt, lastSuccessAt, lastError, nextFetchAt, consecutiveFailures } = source;
      expect({ _id, etag, lastModified, lastFetchedAt, lastSuccessAt, lastError, nextFetchAt, consecutiveFailures: consecutiveFailures ?? 0 }).toEqual({
        _id,
        etag: null,
        lastModified: null,
        lastFetchedAt: null,
        lastSuccessAt: null,
        lastError: null,
        nextFetchAt: null,
        consecutiveFailures: 0,
      });
    }
  });
});
