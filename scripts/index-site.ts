// node scripts/index-site.ts DIR: the Pagefind search index of a built site (run by `npm run build` after Astro).
import { indexSite } from '../src/lib/site/build/pagefind.ts';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node scripts/index-site.ts BUILT_CLIENT_DIR\n');
  process.exitCode = 2;
} else {
  const result = await indexSite(dir);
  if (!result.ok) {
    process.stderr.write(`${result.error.code}: ${result.error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`[medclusters-pagefind] indexed ${result.value.pages} pages in ${result.value.ms} ms\n`);
  }
}
