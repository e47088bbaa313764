import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeSite } from '../../src/lib/site/build/output.ts';
import { ROOT } from './helpers/siteBuild.ts';

// `npm start -- --no-serve` on one bundled sample feed into a fresh folder:
// it ingests, builds, and exits instead of serving.

let outDir: string | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  if (outDir) await removeSite(outDir);
});

/** Runs a script of the project to its end; the environment never carries a public site address. */
async function run(args: string[]): Promise<{ code: number | null; output: string; stderr: string }> {
  // FORCE_COLOR as a terminal would have it: the output still has no colour, as it goes to a pipe.
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '1' };
  delete env.MEDCLUSTERS_SITE_URL;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output, stderr };
}

/** A port taken by another server on 127.0.0.1. */
async function busyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

describe('npm start -- --no-serve', () => {
  it('ingests and builds the site, then exits without serving', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'medclusters-start-'));
    outDir = path.join(work, 'site');
    dataDir = path.join(work, 'data');
    const { code, output } = await run(['scripts/start.ts', '--no-serve', '--port', '4999', '--data', dataDir, '--out', outDir, '--only', 'demo-tass-en']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/build \(start, ingest\): [\d.]+ s/);
    expect(output).not.toMatch(/The site is at/);
    expect(output).not.toMatch(/\u001b\[/); // no colour codes where no terminal reads
    const dataset = await readFile(path.join(dataDir, 'dataset.ndjson'), 'utf8');
    expect(dataset).toContain('"source-demo-tass-en"');
    // The build read the ingested folder: the English sample items have pages.
    const home = await readFile(path.join(outDir, 'client/en/index.html'), 'utf8');
    expect(home).toContain('/en/news/');
    expect(existsSync(path.join(outDir, 'server/entry.mjs'))).toBe(true);
    // Served locally, the site names the address it is served on (no public one configured).
    expect(home).toContain('<link rel="canonical" href="http://127.0.0.1:4999/en/">');
    expect(await readFile(path.join(outDir, 'client/en/rss.xml'), 'utf8')).toContain('<link>http://127.0.0.1:4999/en/</link>');
  }, 180_000);

  it('finds a busy port before the ingest and names it', async () => {
    const busy = await busyPort();
    try {
      const fresh = path.join(await mkdtemp(path.join(os.tmpdir(), 'medclusters-start-')), 'data');
      const { code, stderr } = await run(['scripts/start.ts', '--port', String(busy.port), '--data', fresh, '--only', 'demo-tass-en']);
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${busy.port} on 127.0.0.1 is already in use`);
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(path.join(fresh, 'dataset.ndjson'))).toBe(false);
    } finally {
      busy.server.close();
    }
  }, 60_000);
});

describe('npm run serve on a busy port', () => {
  it('says which port is taken, without a stack trace', async () => {
    const busy = await busyPort();
    try {
      const { code, stderr } = await run(['scripts/serve.ts', '--port', String(busy.port), '--out', outDir!, '--data', dataDir!]);
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${busy.port} on 127.0.0.1 is already in use`);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      busy.server.close();
    }
  }, 60_000);
});

describe('npm run build', () => {
  it('prints a short summary, and says loudly that no public address is configured; follows the publication policy', async () => {
    // An editor sets the policy to `approved`: the sample items, none approved, leave the site, its feeds and its sitemap.
    const file = path.join(dataDir!, 'dataset.ndjson');
    const documents = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const settings = documents.find((document) => document._id === 'siteSettings')!;
    expect(settings.publicationPolicy).toBe('tagged');
    settings.publicationPolicy = 'approved';
    await writeFile(file, `${documents.map((document) => JSON.stringify(document)).join('\n')}\n`);
    // Every shown item would go: the live site is kept until the build is forced.
    const refused = await run(['scripts/build-site.ts', '--data', dataDir!, '--out', outDir!]);
    expect(refused.code, refused.output).toBe(1);
    expect(refused.stderr).toContain('site_would_shrink');
    expect(await readFile(path.join(outDir!, 'client/en/index.html'), 'utf8')).toContain('/en/news/');
    const { code, output, stderr } = await run(['scripts/build-site.ts', '--data', dataDir!, '--out', outDir!, '--force']);
    expect(code, output).toBe(0);
    expect(output.trim().split('\n').length).toBeLessThan(25);
    expect(output).toMatch(/Site built in [\d.]+ s/);
    expect(output).toMatch(/\d+ pages, \d+ RSS and \d+ JSON feeds/);
    expect(stderr).toContain('MEDCLUSTERS_SITE_URL is not set');
    expect(output).not.toMatch(/\u001b\[/);
    expect(await readFile(path.join(outDir!, 'client/en/index.html'), 'utf8')).not.toContain('/en/news/');
    expect(await readFile(path.join(outDir!, 'client/en/rss.xml'), 'utf8')).not.toContain('<item>');
    expect(await readFile(path.join(outDir!, 'client/sitemap-0.xml'), 'utf8')).not.toContain('/news/');
  }, 180_000);
});
