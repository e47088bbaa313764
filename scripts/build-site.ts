// npm run build [-- --out DIR] [--data DIR]: builds the public site (pages, feeds, sitemap, search index) from the dataset.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDataFolder, resolveDataFolder } from '../src/lib/content/dataFolder.ts';
import { buildSite } from '../src/lib/site/build/run.ts';

const { values } = parseArgs({ options: { out: { type: 'string' }, data: { type: 'string' } } });
const root = path.resolve(import.meta.dirname, '..');
const folder = await prepareDataFolder(resolveDataFolder(values.data, process.env, root), root, 'read');
if (!folder.ok) {
  process.stderr.write(`build: ${folder.error.code}: ${folder.error.message}\n`);
  process.exit(2);
}
if (folder.value.note) process.stdout.write(`${folder.value.note}\n`);
const result = await buildSite({ root, outDir: values.out, dataDir: folder.value.dir, stdio: 'inherit' });
if (!result.ok) {
  process.stderr.write(`${result.error.code}: ${result.error.message}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`site built in ${(result.value.ms / 1000).toFixed(1)} s: ${result.value.outDir}\n`);
}
