import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { fail, ok, type Result } from '../../../pipeline/model.ts';
import { getSite } from '../../content/site.ts';
import { linkTree } from './linkedCache.ts';
import { searchSegments, type SearchSegment } from '../search.ts';

// The Pagefind search index, one bundle per segment of the archive (search.ts)
// under `pagefind/<segment>/`, listed newest first in `pagefind/segments.json`
// with each segment's key; the search page (public/search.js) loads the
// first and merges the others. Pagefind writes one index per language in each
// bundle, each with its language's stemmer (Russian word forms match).

export const SEGMENTS_FILE = 'segments.json';

export type SegmentList = { segments: { name: string; key: string; pages: number }[] };

export type IndexReport = { pages: number; built: number; reused: number; ms: number };

async function readSegmentList(dir: string): Promise<SegmentList | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, SEGMENTS_FILE), 'utf8')) as SegmentList;
  } catch {
    return null;
  }
}

/**
 * Writes the search index of `segments` into `outputDir` (a fresh folder).
 * A segment whose key is the one in `previousDir` (the published build's
 * `pagefind/`) is copied from there; the others are indexed.
 */
export async function indexSegments(segments: readonly SearchSegment[], outputDir: string, previousDir: string | null): Promise<Result<IndexReport>> {
  const started = performance.now();
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  const previous = previousDir ? await readSegmentList(previousDir) : null;
  const previousKeys = new Map((previous?.segments ?? []).map((segment) => [segment.name, segment.key]));
  const toBuild: SearchSegment[] = [];
  let reused = 0;
  for (const segment of segments) {
    const from = previousDir ? path.join(previousDir, segment.name) : null;
    if (from && previousKeys.get(segment.name) === segment.key && existsSync(path.join(from, 'pagefind-entry.json'))) {
      // Links, not copies: a published segment is never written again (linkedCache.ts).
      await linkTree(from, path.join(outputDir, segment.name));
      reused++;
    } else toBuild.push(segment);
  }
  if (toBuild.length > 0) {
    const pagefind = await import('pagefind');
    try {
      for (const segment of toBuild) {
        const { index, errors } = await pagefind.createIndex({});
        if (!index) return fail('search_index_failed', `pagefind could not create an index: ${errors.join('; ')}`);
        // Sent together: each record is one message to Pagefind's process, and waiting for each reply in turn costs more than indexing.
        const added = await Promise.all(segment.records.map((record) => index.addCustomRecord(record)));
        const failed = added.flatMap((result) => result.errors);
        if (failed.length > 0) return fail('search_index_failed', `pagefind, segment ${segment.name}: ${failed.slice(0, 5).join('; ')}`);
        const written = await index.writeFiles({ outputPath: path.join(outputDir, segment.name) });
        if (written.errors.length > 0) return fail('search_index_failed', `pagefind, segment ${segment.name}: ${written.errors.join('; ')}`);
        await index.deleteIndex();
      }
    } finally {
      await pagefind.close();
    }
  }
  const list: SegmentList = { segments: segments.map((segment) => ({ name: segment.name, key: segment.key, pages: segment.records.length })) };
  await writeFile(path.join(outputDir, SEGMENTS_FILE), `${JSON.stringify(list)}\n`);
  return ok({
    pages: list.segments.reduce((sum, segment) => sum + segment.pages, 0),
    built: toBuild.length,
    reused,
    ms: Math.round(performance.now() - started),
  });
}

/**
 * The search index of the configured content (the dataset the build reads),
 * written into `outputDir`; segments unchanged since `previousDir` (the
 * published build's `pagefind/`) are copied from it.
 */
export async function buildSearchIndex(outputDir: string, previousDir: string | null): Promise<Result<IndexReport>> {
  return indexSegments(searchSegments(await getSite()), outputDir, previousDir);
}

/** Moves a finished index into a built site's client folder (`client/pagefind/`). */
export async function placeIndex(indexDir: string, clientDir: string): Promise<void> {
  const target = path.join(clientDir, 'pagefind');
  await rm(target, { recursive: true, force: true });
  try {
    await rename(indexDir, target);
  } catch {
    // Another file system (a cache folder elsewhere): copy instead.
    await cp(indexDir, target, { recursive: true });
    await rm(indexDir, { recursive: true, force: true });
  }
}

/**
 * The search index, made while Astro renders: it starts when the build does
 * (from the same view model the pages use, shared within the process: see
 * getSite), Pagefind's own process does the indexing on the other core, and
 * the build waits for it at the end, then moves it into `client/pagefind/`.
 * Segments unchanged since the build `MEDCLUSTERS_PREVIOUS_BUILD` names (the
 * published one; `buildSite` sets it) are copied from it. A failed index
 * fails the build.
 */
export function pagefindIntegration(): AstroIntegration {
  let staging = '';
  let indexing: Promise<Result<IndexReport>> | null = null;
  return {
    name: 'medclusters-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        staging = path.join(fileURLToPath(config.cacheDir), `search-${process.pid}`);
      },
      'astro:build:start': () => {
        const previous = process.env.MEDCLUSTERS_PREVIOUS_BUILD;
        indexing = buildSearchIndex(staging, previous ? path.join(previous, 'client/pagefind') : null).catch((error: unknown) => fail<IndexReport>('search_index_failed', String(error)));
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!indexing) return;
        const result = await indexing;
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
        await placeIndex(staging, fileURLToPath(dir));
        const { pages, built, reused, ms } = result.value;
        logger.info(`indexed ${pages} pages in ${ms} ms (${built} segments indexed, ${reused} reused)`);
      },
    },
  };
}
