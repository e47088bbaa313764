// npm run build [-- --out DIR] [--data DIR] [--force] [--verbose]: builds the public site (pages, feeds, sitemap,
// search index) from the dataset, reusing what is unchanged since the last build; --force renders everything.
// It prints a summary; `--verbose` shows Astro's own output, a line per page.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDataFolder, resolveDataFolder } from '../src/lib/content/dataFolder.ts';
import { buildSite, buildSummary, missingSiteUrlWarning } from '../src/lib/site/build/run.ts';

const { values } = parseArgs({ options: { out: { type: 'string' }, data: { type: 'string' }, verbose: { type: 'boolean', default: false }, force: { type: 'boolean', default: false } } });
const root = path.resolve(import.meta.dirname, '..');
const folder = await prepareDataFolder(resolveDataFolder(values.data, process.env, root), root, 'read');
if (!folder.ok) {
  process.stderr.write(`build: ${folder.error.code}: ${folder.error.message}\n`);
  process.exit(2);
}
if (folder.value.note) process.stdout.write(`${folder.value.note}\n`);
const warning = missingSiteUrlWarning();
if (warning) process.stderr.write(`${warning}\n`);
if (!values.verbose) process.stdout.write('Building the site (details with --verbose)…\n');
const result = await buildSite({ root, outDir: values.out, dataDir: folder.value.dir, stdio: values.verbose ? 'inherit' : 'pipe', force: values.force });
if (!result.ok) {
  process.stderr.write(`${result.error.code}: ${result.error.message}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`${await buildSummary(result.value, { verbose: values.verbose })}\n`);
  // Repeated last, where it cannot scroll away.
  if (warning) process.stderr.write(`${warning}\n`);
}
