import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Astro's incremental build keeps a copy of every keyed page in its cache
// (`<cacheDir>/dist/…`): it writes each rendered page twice (the build's file
// and the cache's copy) and copies each reused page from the cache into the
// new build. At 10,000 items that is some 23,000 file copies per refresh and
// as many extra files, folders and writes per full build. Here the cache keeps
// no copies: a reused page is a hard link to the same page of the published
// build, which is what Astro's cache record describes (run.ts keeps the
// cache marked incomplete until its build is published, so a build that was
// not published makes the next one render everything).
//
// Sharing a file between builds is safe because nobody writes into a file
// once it is written: every build writes its pages into a fresh folder
// (output.ts), and old builds are removed by unlinking. Astro has no option
// for this: the two methods of its cache class that write and restore copies
// are replaced. When they are not where this expects them (another Astro
// version), nothing is replaced and Astro keeps its copies as before.

type AstroSettings = { config: { cacheDir: URL; outDir: URL } };
type CacheMethods = {
  restoreOutputFile(settings: AstroSettings, outputFile: string, destination: URL): Promise<boolean>;
  writeOutputFile(settings: AstroSettings, outputFile: string, body: string | Uint8Array): Promise<void>;
};

/** `target` becomes a hard link to `source`; a copy where a link cannot be made (another file system, no links). */
export async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error;
    await copyFile(source, target);
  }
}

/**
 * A copy of the folder `source` at `target` (which must not exist) made of
 * hard links: for output that is written once and never changed in place
 * (the search index's segments).
 */
export async function linkTree(source: string, target: string): Promise<void> {
  const entries = await readdir(source, { withFileTypes: true, recursive: true });
  await mkdir(target, { recursive: true });
  for (const entry of entries) if (entry.isDirectory()) await mkdir(path.join(target, path.relative(source, path.join(entry.parentPath, entry.name))), { recursive: true });
  const files = entries.filter((entry) => entry.isFile());
  // A few at a time: the links are independent, and one at a time waits on each system call in turn.
  for (let start = 0; start < files.length; start += 64) {
    await Promise.all(
      files.slice(start, start + 64).map((entry) => {
        const from = path.join(entry.parentPath, entry.name);
        return linkOrCopy(from, path.join(target, path.relative(source, from)));
      }),
    );
  }
}

/** Makes each folder once per build: a page's folder holds one file. */
function folderMaker(): (dir: string) => Promise<void> {
  const made = new Set<string>();
  return async (dir) => {
    if (made.has(dir)) return;
    await mkdir(dir, { recursive: true });
    made.add(dir);
  };
}

/** How many pages this build linked from the previous one (the build's report counts them from the line `reusedPagesLine` prints). */
export const linkedPages = { count: 0 };

/** The cache methods: no copies; a reused page linked from `previousBuild` (a build folder), or rendered again when there is none. */
export function linkingMethods(previousBuild: string | null): CacheMethods {
  const ensureDir = folderMaker();
  const previous = previousBuild === null ? null : pathToFileURL(`${previousBuild}${path.sep}`);
  return {
    async restoreOutputFile(_settings, outputFile, destination) {
      // `outputFile` is the page's path under the build folder, as a URL path (generate.js).
      const source = previous === null ? null : fileURLToPath(new URL(outputFile, previous));
      if (source === null || !existsSync(source)) return false;
      const target = fileURLToPath(destination);
      await ensureDir(path.dirname(target));
      await linkOrCopy(source, target);
      linkedPages.count++;
      return true;
    },
    async writeOutputFile() {
      // The page Astro has just written into the build is the copy a later build links.
    },
  };
}

/** Replaces the copying methods of Astro's cache class; false when the class is not as expected. */
export function linkAstroCache(cacheClass: unknown, previousBuild: string | null): boolean {
  const prototype = (cacheClass as { prototype?: Partial<CacheMethods> } | undefined)?.prototype;
  if (!prototype || typeof prototype.restoreOutputFile !== 'function' || typeof prototype.writeOutputFile !== 'function') return false;
  if (prototype.restoreOutputFile.length !== 3 || prototype.writeOutputFile.length !== 3) return false;
  Object.assign(prototype, linkingMethods(previousBuild));
  return true;
}

/** Astro's incremental cache class, from the Astro that runs this build (not a public export). */
async function astroCacheClass(root: URL): Promise<unknown> {
  const astroPackage = createRequire(new URL('package.json', root)).resolve('astro/package.json');
  const file = path.join(path.dirname(astroPackage), 'dist/core/build/incremental.js');
  if (!existsSync(file)) return undefined;
  const module = (await import(pathToFileURL(file).href)) as { IncrementalBuildCache?: unknown };
  return module.IncrementalBuildCache;
}

/**
 * The integration: reused pages linked from the build `MEDCLUSTERS_PREVIOUS_BUILD`
 * names (the published one; buildSite sets it), no copies in the cache (the
 * copies of earlier builds are removed), or a warning that Astro copies them.
 */
export function linkedCacheIntegration(): AstroIntegration {
  let root = pathToFileURL(`${process.cwd()}/`);
  let cacheDir: URL | null = null;
  let quieted: { options: { level: string }; level: string } | null = null;
  return {
    name: 'medclusters-linked-cache',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
        cacheDir = config.cacheDir;
      },
      'astro:build:start': async ({ logger }) => {
        const cacheClass = await astroCacheClass(root).catch(() => undefined);
        if (!linkAstroCache(cacheClass, process.env.MEDCLUSTERS_PREVIOUS_BUILD || null)) return logger.warn('Astro incremental cache not linked: pages are copied');
        if (cacheDir) await rm(new URL('dist/', cacheDir), { recursive: true, force: true });
        quieted = quietPageLines(logger as unknown as { options?: { level?: unknown } });
      },
      'astro:build:generated': ({ logger }) => {
        if (quieted) quieted.options.level = quieted.level;
        logger.info(reusedPagesLine(linkedPages.count));
      },
    },
  };
}

/** The line a build prints with how many pages it linked from the previous one; `reusedPagesFrom` reads it back. */
export const reusedPagesLine = (count: number): string => `${count} pages reused from the previous build`;

/** The count in a build's output (0 when there is none: a build that renders everything). */
export function reusedPagesFrom(output: string): number {
  const match = /\[medclusters-linked-cache\] (\d+) pages reused from the previous build/.exec(output);
  return match ? Number(match[1]) : 0;
}

/**
 * Astro writes two lines per page, 25,000 pages at 10,000 items, most of them
 * "(restored)": writing and reading them back was a tenth of a refresh. While
 * it generates pages its log level is set to warnings (the options object every
 * Astro logger shares, which each integration's logger carries); the count
 * of reused pages is one line of ours instead. Set MEDCLUSTERS_BUILD_PAGE_LINES=1
 * to see every page. Only done when the cache is linked: otherwise those lines
 * are how a build counts the pages Astro copied.
 */
function quietPageLines(logger: { options?: { level?: unknown } }): { options: { level: string }; level: string } | null {
  const options = logger.options;
  if (process.env.MEDCLUSTERS_BUILD_PAGE_LINES === '1' || !options || (options.level !== 'info' && options.level !== 'debug')) return null;
  const level = options.level;
  options.level = 'warn';
  return { options: options as { level: string }, level };
}
