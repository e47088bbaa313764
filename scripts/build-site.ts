// npm run build [-- --out DIR] [--data DIR] [--force]: builds the public site (pages, feeds, sitemap, search index) from the dataset,
// reusing what is unchanged since the last build; --force renders everything.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite } from '../src/lib/site/build/run.ts';

const { values } = parseArgs({ options: { out: { type: 'string' }, data: { type: 'string' }, force: { type: 'boolean', default: false } } });
const root = path.resolve(import.meta.dirname, '..');
const result = await buildSite({ root, outDir: values.out, dataDir: values.data, stdio: 'inherit', force: values.force });
if (!result.ok) {
  process.stderr.write(`${result.error.code}: ${result.error.message}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`site built in ${(result.value.ms / 1000).toFixed(1)} s: ${result.value.outDir}\n`);
}
