import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../../pipeline/model.ts';
import { samplePeakRss } from './memory.ts';
import { createBuildDir, discardBuild, publishBuild } from './output.ts';

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
    MEDCLUSTERS_PAGEFIND: 'separate',
    ...options.env,
  };
}

type Step = { code: number | null; peakRssBytes: number | null; output: string; notes: string[] };

/** Runs one Node child to the end, sampling its memory and keeping its output's tail and notable lines. */
async function runStep(args: string[], options: BuildOptions): Promise<Step> {
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env: siteEnv(options),
    stdio: options.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  const memory = child.pid === undefined ? { stop: () => null } : samplePeakRss(child.pid);
  let output = '';
  const notes: string[] = [];
  let partial = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (/medclusters-|warn|error/i.test(line)) notes.push(line.replace(/\u001b\[[0-9;]*m/g, ''));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, peakRssBytes: memory.stop(), output, notes };
}

const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * `astro build` (pages, feeds, sitemap, images), then the Pagefind index in a
 * second process, so the peak memory is the larger of the two rather than
 * their sum. Both write into a fresh build folder; only a complete build
 * replaces the site (output.ts), so a running server never sees a missing or
 * broken site. A failed step is a value with its last output lines, and the
 * site stays as it was.
 */
export async function buildSite(options: BuildOptions): Promise<Result<BuildReport>> {
  const outDir = path.resolve(options.root, options.outDir ?? 'dist');
  const astro = options.astroBin ?? path.join(options.root, 'node_modules/astro/bin/astro.mjs');
  const started = performance.now();
  const buildDir = await createBuildDir(outDir, options.root);
  const failed = async (what: string, step: Step) => {
    await discardBuild(buildDir);
    const tail = step.output.split('\n').filter(Boolean).slice(-15).join('\n');
    return fail<BuildReport>('site_build_failed', `${what} exited with ${step.code}${tail ? `:\n${tail}` : ' (output above)'}; the site in ${outDir} is unchanged`);
  };
  const built = await runStep([astro, 'build', '--outDir', buildDir], options);
  if (built.code !== 0) return failed('astro build', built);
  let peakRssBytes = built.peakRssBytes;
  const notes = [...built.notes];
  let output = built.output;
  if (!options.astroBin) {
    const indexed = await runStep([path.join(options.root, 'scripts/index-site.ts'), path.join(buildDir, 'client')], options);
    if (indexed.code !== 0) return failed('the search indexer', indexed);
    peakRssBytes = maxOf(peakRssBytes, indexed.peakRssBytes);
    notes.push(...indexed.notes);
    output = (output + indexed.output).slice(-20_000);
  }
  await publishBuild(outDir, buildDir, options.root);
  return ok({ outDir, ms: Math.round(performance.now() - started), peakRssBytes, output, notes });
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
    ...own.map((line) => `  ${line.replace(/^.*\[medclusters-(\w+)\]\s*/, '$1: ')}`),
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
