import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { fail, ok, type Result } from '../../../pipeline/model.ts';

/**
 * Builds the Pagefind index of a built site. Pagefind reads `<html lang>` and
 * writes one index per language, each with its language's stemmer (Russian
 * word forms match); `data-pagefind-body` limits indexing to item pages,
 * `data-pagefind-filter` gives the task and region filters.
 */
export async function indexSite(clientDir: string): Promise<Result<{ pages: number; ms: number }>> {
  const started = performance.now();
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) return fail('search_index_failed', `pagefind could not create an index: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: clientDir });
    if (added.errors.length > 0) return fail('search_index_failed', `pagefind: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(clientDir, 'pagefind') });
    if (written.errors.length > 0) return fail('search_index_failed', `pagefind: ${written.errors.join('; ')}`);
    return ok({ pages: added.page_count, ms: Math.round(performance.now() - started) });
  } finally {
    await pagefind.close();
  }
}

/** Indexes at the end of a plain `astro build`; `buildSite` sets MEDCLUSTERS_PAGEFIND=separate and indexes in its own process. */
export function pagefindIntegration(): AstroIntegration {
  return {
    name: 'medclusters-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // A separate process after Astro exits: the two never hold memory at once.
        if (process.env.MEDCLUSTERS_PAGEFIND === 'separate') return;
        const result = await indexSite(fileURLToPath(dir));
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
        logger.info(`indexed ${result.value.pages} pages in ${result.value.ms} ms`);
      },
    },
  };
}
