import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../../pipeline/model.ts';
import { DATASET_FILE, dataDirFromEnv } from '../../content/local.ts';
import { sanityContentConfigFromEnv } from '../../content/sanity.ts';
import { reusedPagesFrom } from './linkedCache.ts';
import { buildHeapLimitMb, HEAP_LIMIT_ERROR, samplePeakRss } from './memory.ts';
import { countItemPages, shrinkRefusal } from './shrink.ts';
import { cacheDirOf, createBuildDir, currentBuild, discardBuild, INCOMPLETE_MARKER, publishBuild } from './output.ts';

// Build the site: the I/O edge of the site build, used by `npm run build`,
// the service (src/service: `npm start`, the worker, the webhook rebuild), the
// tests and the bench. Astro runs as a child process so a build's memory is its own and the
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
  /** Render every page, reusing nothing from the previous build, and swap it in even when it shows far fewer items than the live site (shrink.ts). */
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
  /** Pages reused from the previous build instead of rendered (from the build's output; 0 when the output is not piped). */
  reusedPages: number;
};

/**
 * Colours only on a terminal, never with NO_COLOR: a child whose output we
 * collect, or that writes where no terminal reads, is told NO_COLOR.
 */
function colourEnv(inherit: boolean): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (env.NO_COLOR !== undefined || !inherit || !process.stdout.isTTY) {
    env.NO_COLOR = '1';
    delete env.FORCE_COLOR;
  }
  return env;
}

/** The environment of the build and server children: the dataset folder, the public origin, Pagefind's mode. */
export function siteEnv(options: { dataDir?: string; siteUrl?: string; env?: Record<string, string>; stdio?: BuildOptions['stdio'] }): NodeJS.ProcessEnv {
  return {
    ...colourEnv(options.stdio === 'inherit'),
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
      // Pages linked from the previous build are counted in one line (linkedCache.ts); Astro's own
      // copies, when the cache is not linked, are marked "(cached)" or "(restored)" page by page.
      if (/\((?:cached|restored)\)/.test(line)) reused++;
      else if (line.includes('[medclusters-linked-cache]')) reused += reusedPagesFrom(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (child.pid !== undefined) pids.delete(child.pid);
  return { code, output, notes, reused };
}

/** The build child's heap limit: from the local dataset's size, none when the store is Sanity or the size is unknown. */
async function heapLimitOf(options: BuildOptions): Promise<number | null> {
  const env = siteEnv(options);
  if (options.astroBin !== undefined || sanityContentConfigFromEnv(env)) return null;
  const bytes = await stat(path.join(dataDirFromEnv(env, options.root), DATASET_FILE)).then((info) => info.size, () => null);
  return buildHeapLimitMb(bytes);
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
 * hard-linked from the published build (linkedCache.ts), as Astro's cache
 * record, kept beside the builds (`.dist-builds/cache/`, output.ts), allows;
 * search segments whose records are unchanged are linked the same way. A
 * build that was not published (it failed, was refused or was killed) leaves
 * a marker in the cache, and the next one renders everything (`astro build
 * --force`), so a record that does not describe the published build is never
 * trusted.
 */
export async function buildSite(options: BuildOptions): Promise<Result<BuildReport>> {
  const outDir = path.resolve(options.root, options.outDir ?? 'dist');
  const astro = options.astroBin ?? path.join(options.root, 'node_modules/astro/bin/astro.mjs');
  const started = performance.now();
  let buildDir = await createBuildDir(outDir, options.root);
  const cacheDir = cacheDirOf(outDir);
  const incomplete = path.join(cacheDir, INCOMPLETE_MARKER);
  await mkdir(cacheDir, { recursive: true });
  const force = options.force === true || existsSync(incomplete);
  await writeFile(incomplete, `${new Date().toISOString()}\n`);
  const previous = currentBuild(outDir);
  const env = { ...options.env, MEDCLUSTERS_ASTRO_CACHE_DIR: cacheDir, ...(previous ? { MEDCLUSTERS_PREVIOUS_BUILD: previous } : {}) };
  const pids = new Set<number>();
  const memory = samplePeakRss(() => [...pids]);
  const heapMb = await heapLimitOf(options);
  const astroArgs = (retry: boolean) => [astro, 'build', '--outDir', buildDir, ...(force || retry ? ['--force'] : [])];
  let built = await runStep([...(heapMb === null ? [] : [`--max-old-space-size=${heapMb}`]), ...astroArgs(false)], { ...options, env }, pids);
  if (built.code !== 0 && heapMb !== null && HEAP_LIMIT_ERROR.test(built.output)) {
    // The limit was too low for this archive: once more with Node's own, from scratch (the cache may be half written).
    await discardBuild(buildDir);
    buildDir = await createBuildDir(outDir, options.root);
    built = await runStep(astroArgs(true), { ...options, env }, pids);
  }
  const peakRssBytes = memory.stop();
  if (built.code !== 0) {
    await discardBuild(buildDir);
    const tail = built.output.split('\n').filter(Boolean).slice(-15).join('\n');
    return fail('site_build_failed', `astro build exited with ${built.code}${tail ? `:\n${tail}` : ' (output above)'}; the site in ${outDir} is unchanged`);
  }
  // A build that would take most items off the live site waits for `--force` (shrink.ts).
  const refusal = options.force === true ? null : shrinkRefusal(await countItemPages(previous), (await countItemPages(buildDir)) ?? 0);
  if (refusal !== null) {
    await discardBuild(buildDir);
    return fail('site_would_shrink', `${refusal}; the site in ${outDir} is unchanged`);
  }
  await publishBuild(outDir, buildDir, options.root);
  // Only now does Astro's cache record describe the published build, which the next build links reused pages from.
  await rm(incomplete, { force: true });
  return ok({ outDir, ms: Math.round(performance.now() - started), peakRssBytes, output: built.output, notes: built.notes, reusedPages: built.reused });
}

/**
 * A few lines on a finished build: what it holds, what our integrations said
 * (images, search index), and how many warnings there were (all of them with
 * `verbose`, at most a few otherwise).
 */
export async function buildSummary(report: BuildReport, options: { verbose?: boolean } = {}): Promise<string> {
  const files = await readdir(path.join(report.outDir, 'client'), { recursive: true }).catch(() => [] as string[]);
  const count = (pattern: RegExp) => files.filter((file) => pattern.test(file)).length;
  const own = report.notes.filter((line) => /\[medclusters-/.test(line) && !/\bwarn/i.test(line));
  const warnings = report.notes.filter((line) => !own.includes(line));
  const shown = options.verbose ? warnings : warnings.slice(0, 5);
  const memory = report.peakRssBytes === null ? '' : `, peak memory ${Math.round(report.peakRssBytes / 1024 / 1024)} MB`;
  return [
    `Site built in ${(report.ms / 1000).toFixed(1)} s${memory}: ${report.outDir}`,
    `  ${count(/index\.html$/)} pages, ${count(/rss\.xml$/)} RSS and ${count(/feed\.json$/)} JSON feeds`,
    ...own.map((line) => `  ${line.replace(/^.*\[medclusters-([\w-]+)\]\s*/, '$1: ')}`),
    ...(warnings.length === 0 ? [] : [`  ${warnings.length} warning${warnings.length === 1 ? '' : 's'}${shown.length < warnings.length ? ` (first ${shown.length}; all with --verbose)` : ''}:`]),
    ...shown.map((line) => `    ${line.trim()}`),
  ].join('\n');
}

/** The origin links say when neither MEDCLUSTERS_SITE_URL nor a local server's address is given. */
export const FALLBACK_SITE_URL = 'http://localhost:4321';

/**
 * Said loudly by a build for publication without MEDCLUSTERS_SITE_URL: every
 * canonical link, feed, OPML entry and the sitemap would name a local address.
 */
export function missingSiteUrlWarning(env: Record<string, string | undefined> = process.env): string | null {
  if (env.MEDCLUSTERS_SITE_URL) return null;
  const rule = '!'.repeat(78);
  return [
    rule,
    `!! MEDCLUSTERS_SITE_URL is not set: canonical links, feeds, OPML and the sitemap`,
    `!! of this build say ${FALLBACK_SITE_URL}. For a public site, set it to the site's`,
    `!! public origin (export MEDCLUSTERS_SITE_URL=https://news.example.org) and build again.`,
    rule,
  ].join('\n');
}

/** What `npm start` runs after the ingest (and `serve --build` before serving): the build, with a short report. */
export async function buildForStart(options: BuildOptions): Promise<Result<BuildReport>> {
  process.stdout.write('Building the site…\n');
  const built = await buildSite({ ...options, stdio: options.stdio ?? 'pipe' });
  if (built.ok) process.stdout.write(`Site built in ${(built.value.ms / 1000).toFixed(1)} s (${built.value.outDir})\n`);
  return built;
}
