import { getSite } from '../../content/site.ts';
import type { Result } from '../../../pipeline/model.ts';
import { searchSegments } from '../search.ts';
import { indexSegments, type IndexReport } from './pagefind.ts';

/**
 * The search index of the configured content (the dataset the build reads),
 * written into `outputDir`; segments unchanged since `previousDir` (the
 * published build's `pagefind/`) are copied from it.
 */
export async function buildSearchIndex(outputDir: string, previousDir: string | null): Promise<Result<IndexReport>> {
  const segments = searchSegments(await getSite());
  return indexSegments(segments, outputDir, previousDir);
}
