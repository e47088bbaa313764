// npm run build [-- --out DIR] [--data DIR] [--verbose]: builds the public site (pages, feeds, sitemap, search
// index) from the dataset. It prints a summary; `--verbose` shows Astro's own output, a line per page.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite, buildSummary, missingSiteUrlWarning } from '../src/lib/site/build/run.ts';

const { values } = parseArgs({ options: { out: { type: 'string' }, data: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
const root = path.resolve(import.meta.dirname, '..');
const warning = missingSiteUrlWarning();
if (warning) process.stderr.write(`${warning}\n`);
if (!values.verbose) process.stdout.write('Building the site (details with --verbose)…\n');
const result = await buildSite({ root, outDir: values.out, dataDir: values.data, stdio: values.verbose ? 'inherit' : 'pipe' });
if (!result.ok) {
  process.stderr.write(`${result.error.code}: ${result.error.message}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`${await buildSummary(result.value, { verbose: values.verbose })}\n`);
  // Repeated last, where it cannot scroll away.
  if (warning) process.stderr.write(`${warning}\n`);
}
