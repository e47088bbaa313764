import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../../pipeline/model.ts';
import { samplePeakRss } from './memory.ts';
import { cacheDirOf, createBuildDir, currentBuild, discardBuild, INCOMPLETE_MARKER, publishBuild } from './output.ts';

// Build the site and serve it: the I/O edge of the site, used by `npm run
// build`, `npm run serve`, `npm start` (after the ingest), the tests and the
// bench. Astro runs as a child process so a build's memory is its own and the
// caller can measure it.

export type BuildOptions = {
  /** Project root (where astro.config.mjs is). */
  root: string;
  /** Output folder, relative to root or absolute (anywhere: outside the project its builds link the project's packages). Default `dist`. */
  outDir?: string;
  /** Dataset folder (`MEDCLUSTERS_DATA_DIR`); default `content/`. */
  dataDir?: string;
  /** Public origin for canonical links and feeds (`MEDCLUSTERS_SITE_URL`). */
  siteUrl?: string;
  /** Where Astro's output goes; default inherit. */
  stdio?: 'inherit' | 'pipe' | 'ignore';
  /** Extra environment (the bench sets NODE_OPTIONS). */
  env?: Record<string, string>;
  /** Astro's CLI; default the project's own. The bench points it at a bare project. */
  astroBin?: string;
  /** Render every page, reusing nothing from the previous build. */
  force?: boolean;
};

/** `peakRssBytes`: the build's process tree at its largest (Astro and Pagefind), null off Linux. */
export type BuildReport = {
  outDir: string;
  ms: number;
  peakRssBytes: number | null;
  /** The last 20,000 characters of Astro's output. */
  output: string;
  /** Every line of our integrations (image refusals, the search index) and every warning or error, in full. */
  notes: string[];
  /** Pages Astro copied from the previous build instead of rendering them (counted from its output; 0 when the output is not piped). */
  reusedPages: number;
};

function siteEnv(options: { dataDir?: string; siteUrl?: string; env?: Record<string, string> }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(options.dataDir ? { MEDCLUSTERS_DATA_DIR: options.dataDir } : {}),
    ...(options.siteUrl ? { MEDCLUSTERS_SITE_URL: options.siteUrl } : {}),
    ...options.env,
  };
}

type Step = { code: number | null; output: string; notes: string[]; reused: number };

/** Runs one Node child to the end, keeping its output's tail and notable lines; `pids` holds its pid while it runs (the memory sampler reads it). */
async function runStep(args: string[], options: BuildOptions, pids: Set<number>): Promise<Step> {
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env: siteEnv(options),
    stdio: options.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) pids.add(child.pid);
  let output = '';
  const notes: string[] = [];
  let reused = 0;
  let partial = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (/medclusters-|warn|error/i.test(line)) notes.push(line.replace(/\u001b\[[0-9;]*m/g, ''));
      // Astro marks a page copied from the previous build "(cached)" or "(restored)".
      if (/\((?:cached|restored)\)/.test(line)) reused++;
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (child.pid !== undefined) pids.delete(child.pid);
  return { code, output, notes, reused };
}

/**
 * `astro build`: pages, feeds, sitemap, images and, made beside the pages in
 * Pagefind's own process, the search index (pagefind.ts). It writes into a
 * fresh build folder; only a complete build replaces the site (output.ts), so
 * a running server never sees a missing or broken site. A failed build is a
 * value with its last output lines, and the site stays as it was.
 *
 * Builds are incremental (Astro's `experimental.incrementalBuild`): pages
 * whose cache key (src/lib/site/cacheKeys.ts) and code are unchanged are
 * copied from Astro's cache of the previous build, kept beside the builds
 * (`.dist-builds/cache/`, output.ts); search segments whose records are
 * unchanged are copied from the published build. A build that did not finish
 * leaves a marker in the cache, and the next one renders everything
 * (`astro build --force`), so a half-written cache is never trusted.
 */
export async function buildSite(options: BuildOptions): Promise<Result<BuildReport>> {
  const outDir = path.resolve(options.root, options.outDir ?? 'dist');
  const astro = options.astroBin ?? path.join(options.root, 'node_modules/astro/bin/astro.mjs');
  const started = performance.now();
  const buildDir = await createBuildDir(outDir, options.root);
  const cacheDir = cacheDirOf(outDir);
  const incomplete = path.join(cacheDir, INCOMPLETE_MARKER);
  await mkdir(cacheDir, { recursive: true });
  const force = options.force === true || existsSync(incomplete);
  await writeFile(incomplete, `${new Date().toISOString()}\n`);
  const previous = currentBuild(outDir);
  const env = { ...options.env, MEDCLUSTERS_ASTRO_CACHE_DIR: cacheDir, ...(previous ? { MEDCLUSTERS_PREVIOUS_BUILD: previous } : {}) };
  const pids = new Set<number>();
  const memory = samplePeakRss(() => [...pids]);
  const built = await runStep([astro, 'build', '--outDir', buildDir, ...(force ? ['--force'] : [])], { ...options, env }, pids);
  const peakRssBytes = memory.stop();
  if (built.code !== 0) {
    await discardBuild(buildDir);
    const tail = built.output.split('\n').filter(Boolean).slice(-15).join('\n');
    return fail('site_build_failed', `astro build exited with ${built.code}${tail ? `:\n${tail}` : ' (output above)'}; the site in ${outDir} is unchanged`);
  }
  await rm(incomplete, { force: true });
  await publishBuild(outDir, buildDir, options.root);
  return ok({ outDir, ms: Math.round(performance.now() - started), peakRssBytes, output: built.output, notes: built.notes, reusedPages: built.reused });
}

export type ServeOptions = {
  root: string;
  outDir?: string;
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Copy the server's log lines to this function (default: stdout). */
  log?: (line: string) => void;
};

export type RunningServer = { url: string; process: ChildProcess; close: () => Promise<void> };

/**
 * Starts the site server (serve/main.ts: the built Astro standalone handler
 * behind compression, the `/` redirect and the per-language 404) and
 * resolves with its URL once it listens. It reads files through the site
 * folder on every request, so it keeps serving, and serves each new build,
 * across rebuilds; `/api/health` reads the dataset folder at request time.
 */
export async function serveSite(options: ServeOptions): Promise<Result<RunningServer>> {
  const outDir = path.resolve(options.root, options.outDir ?? 'dist');
  const entry = path.join(outDir, 'server/entry.mjs');
  if (!existsSync(entry)) return fail('site_not_built', `${entry} does not exist: run \`npm run build\` first`);
  const host = options.host ?? '127.0.0.1';
  const main = path.join(options.root, 'src/lib/site/serve/main.ts');
  const child = spawn(process.execPath, ['--preserve-symlinks', main, outDir], {
    cwd: options.root,
    env: { ...siteEnv(options), HOST: host, PORT: String(options.port ?? 4321) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  return new Promise((resolve) => {
    let settled = false;
    let buffered = '';
    const onLine = (chunk: Buffer) => {
      const text = chunk.toString();
      buffered += text;
      for (const line of text.split('\n').filter(Boolean)) log(line);
      const match = /listening on\s+(?:\n\s*local:\s*)?(https?:\/\/\S+)/.exec(buffered);
      if (match && !settled) {
        settled = true;
        const close = () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          });
        resolve(ok({ url: match[1]!.replace(/\/?$/, '/'), process: child, close }));
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    child.on('exit', (code) => {
      if (!settled) {
        settled = true;
        resolve(fail('site_server_exited', `the site server exited with ${code} before listening: ${buffered.trim().split('\n').slice(-5).join(' | ')}`));
      }
    });
  });
}

/** What `npm start` runs after the ingest (and `serve --build` before serving): the build, with a short report. */
export async function buildForStart(options: BuildOptions): Promise<Result<BuildReport>> {
  process.stdout.write('Building the site…\n');
  const built = await buildSite({ ...options, stdio: options.stdio ?? 'pipe' });
  if (built.ok) process.stdout.write(`Site built in ${(built.value.ms / 1000).toFixed(1)} s (${built.value.outDir})\n`);
  return built;
}

/** Build the site from the dataset, then serve it, printing the URL. Resolves when the server is up; the server keeps the process alive. */
export async function buildAndServe(options: BuildOptions & Omit<ServeOptions, 'log'>): Promise<Result<RunningServer>> {
  const built = await buildForStart(options);
  if (!built.ok) return built;
  const served = await serveSite({ ...options, log: () => {} });
  if (served.ok) process.stdout.write(`\nThe site is at ${served.value.url}  (health: ${served.value.url}api/health)\n`);
  return served;
}

/** Stops the server child with the parent: Ctrl-C or a SIGTERM to `npm start` must not leave it listening. */
export function closeOnSignals(server: RunningServer): void {
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  server.process.once('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(`the site server exited with ${code}\n`);
  });
}
