// node scripts/index-site.ts OUT_DIR [PREVIOUS_PAGEFIND_DIR]: the Pagefind search index of the configured dataset
// into OUT_DIR (run by `npm run build` beside Astro), reusing unchanged segments of the previous build's index.
import { buildSearchIndex } from '../src/lib/site/build/searchIndex.ts';

const [out, previous] = process.argv.slice(2);
if (!out) {
  process.stderr.write('usage: node scripts/index-site.ts OUT_DIR [PREVIOUS_PAGEFIND_DIR]\n');
  process.exitCode = 2;
} else {
  const result = await buildSearchIndex(out, previous ?? null);
  if (!result.ok) {
    process.stderr.write(`${result.error.code}: ${result.error.message}\n`);
    process.exitCode = 1;
  } else {
    const { pages, built, reused, ms } = result.value;
    process.stdout.write(`[medclusters-pagefind] indexed ${pages} pages in ${ms} ms (${built} segments indexed, ${reused} reused)\n`);
  }
}
