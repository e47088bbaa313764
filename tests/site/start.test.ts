import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeSite } from '../../src/lib/site/build/output.ts';
import { ROOT } from './helpers/siteBuild.ts';

// `npm start -- --no-serve` on one bundled sample feed into a fresh folder:
// it ingests, builds, and exits instead of serving.

let outDir: string | undefined;
afterAll(async () => {
  if (outDir) await removeSite(outDir);
});

describe('npm start -- --no-serve', () => {
  it('ingests and builds the site, then exits without serving', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'medclusters-start-'));
    outDir = path.join(work, 'site');
    const dataDir = path.join(work, 'data');
    const child = spawn(process.execPath, ['scripts/start.ts', '--no-serve', '--data', dataDir, '--out', outDir, '--only', 'demo-tass-en'], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, output).toBe(0);
    expect(output).toMatch(/build \(start, ingest\): [\d.]+ s/);
    expect(output).not.toMatch(/The site is at/);
    const dataset = await readFile(path.join(dataDir, 'dataset.ndjson'), 'utf8');
    expect(dataset).toContain('"source-demo-tass-en"');
    // The build read the ingested folder: the English sample items have pages.
    const home = await readFile(path.join(outDir, 'client/en/index.html'), 'utf8');
    expect(home).toContain('/en/news/');
    expect(existsSync(path.join(outDir, 'server/entry.mjs'))).toBe(true);
  }, 180_000);
});
