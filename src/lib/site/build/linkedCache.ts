import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Astro's incremental build keeps a copy of every keyed page in its cache
// (`<cacheDir>/dist/…`): it writes each rendered page twice (the build's file
// and the cache's copy) and copies each reused page from the cache into the
// new build. At 10,000 items that is some 23,000 file copies per refresh, most
// of a refresh's time. Here the cache's copy is a hard link to the page just
// written, and a reused page is a hard link to the cache's copy: one inode per
// page content, shared by the cache and every build that shows it.
//
// Sharing inodes is safe only if nobody writes into a shared file: a build
// writes its pages into a fresh folder (output.ts), and the cache's copy of a
// page that is rendered again is unlinked before its new copy is linked, so a
// published build never sees its files change. Astro has no option for this:
// the two methods of its cache that write and restore copies are replaced,
// with the same contract. When they are not where this expects them (another
// Astro version), nothing is replaced and Astro copies as before.

type AstroSettings = { config: { cacheDir: URL; outDir: URL } };
type CacheMethods = {
  restoreOutputFile(settings: AstroSettings, outputFile: string, destination: URL): Promise<boolean>;
  writeOutputFile(settings: AstroSettings, outputFile: string, body: string | Uint8Array): Promise<void>;
};

/** Where Astro keeps the cache's copy of a page (`getCachedOutputFile` in astro/dist/core/build/incremental.js). */
const cachedFile = (settings: AstroSettings, outputFile: string): URL => new URL(outputFile, new URL('dist/', settings.config.cacheDir));

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

/** The cache methods that link instead of copying. */
export function linkingMethods(): CacheMethods {
  const ensureDir = folderMaker();
  return {
    async restoreOutputFile(settings, outputFile, destination) {
      const cached = fileURLToPath(cachedFile(settings, outputFile));
      if (!existsSync(cached)) return false;
      const target = fileURLToPath(destination);
      await ensureDir(path.dirname(target));
      await linkOrCopy(cached, target);
      return true;
    },
    async writeOutputFile(settings, outputFile, body) {
      const cached = fileURLToPath(cachedFile(settings, outputFile));
      await ensureDir(path.dirname(cached));
      // The old copy may be a published build's page: unlink it, never write into it.
      await rm(cached, { force: true });
      // Astro has just written the page at the same place under its outDir (generate.js).
      const written = fileURLToPath(new URL(outputFile, settings.config.outDir));
      if (existsSync(written)) await linkOrCopy(written, cached);
      else await writeFile(cached, body);
    },
  };
}

/** Replaces the copying methods of Astro's cache class; false when the class is not as expected. */
export function linkAstroCache(cacheClass: unknown): boolean {
  const prototype = (cacheClass as { prototype?: Partial<CacheMethods> } | undefined)?.prototype;
  if (!prototype || typeof prototype.restoreOutputFile !== 'function' || typeof prototype.writeOutputFile !== 'function') return false;
  if (prototype.restoreOutputFile.length !== 3 || prototype.writeOutputFile.length !== 3) return false;
  Object.assign(prototype, linkingMethods());
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

/** The integration: links the cache's copies for this build, or says that Astro copies them. */
export function linkedCacheIntegration(): AstroIntegration {
  let root = pathToFileURL(`${process.cwd()}/`);
  return {
    name: 'medclusters-linked-cache',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
      },
      'astro:build:start': async ({ logger }) => {
        if (!linkAstroCache(await astroCacheClass(root).catch(() => undefined))) logger.warn('Astro incremental cache not linked: pages are copied');
      },
    },
  };
}
