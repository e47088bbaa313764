// npm run bench:site [-- --sizes 1000,10000]: build time and peak memory of the
// site for generated datasets of N shown items (each built in Russian and
// English), against a bare Astro build of the same number of pages; page weights.
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import Table from 'cli-table3';
import { buildSite, type BuildReport } from '../src/lib/site/build/run.ts';
import { removeSite } from '../src/lib/site/build/output.ts';
import { generateDataset, writeDataset } from '../tests/site/fixtures/generateDataset.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' }, keep: { type: 'boolean', default: false } } });
const sizes = values.sizes.split(',').map(Number).filter((n) => n > 0);
const root = path.resolve(import.meta.dirname, '..');
// Inside the project, so the built server and the bare project resolve node_modules.
const work = path.join(root, 'node_modules/.cache/medclusters-bench');
const astroBin = path.join(root, 'node_modules/astro/bin/astro.mjs');

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function bareProject(pages: number): Promise<string> {
  const dir = path.join(work, `bare-${pages}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'src/pages'), { recursive: true });
  await writeFile(path.join(dir, 'package.json'), '{ "name": "bare", "private": true, "type": "module" }\n');
  await writeFile(path.join(dir, 'astro.config.mjs'), "export default { output: 'static', build: { format: 'directory' } };\n");
  // The same number of pages, each a title, a paragraph and a few links: what Astro costs with no content layer.
  await writeFile(
    path.join(dir, 'src/pages/[...path].astro'),
    `---
export function getStaticPaths() {
  return Array.from({ length: ${pages} }, (_, index) => ({ params: { path: index === 0 ? undefined : \`p/\${index}\` }, props: { index } }));
}
const { index } = Astro.props;
---
<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Page {index}</title></head>
<body><main><h1>Page {index}</h1><p>Bare page for the benchmark.</p>
<ul>{[1, 2, 3, 4, 5].map((step) => <li><a href={\`/p/\${index + step}/\`}>Next {step}</a></li>)}</ul></main></body></html>
`,
  );
  return dir;
}

type Row = { items: number; pages: number; site: BuildReport; bare: BuildReport; weights: Record<string, string> };
const rows: Row[] = [];

for (const items of sizes) {
  process.stderr.write(`\n== ${items} shown items × 2 languages\n`);
  const dataDir = path.join(work, `data-${items}`);
  await writeDataset(dataDir, generateDataset({ items, seed: 11, days: 365, allShown: true }));
  const outDir = path.join(work, `site-${items}`);
  await removeSite(outDir);
  process.stderr.write('building the site…\n');
  const site = await buildSite({ root, outDir, dataDir, stdio: 'pipe' });
  if (!site.ok) throw new Error(site.error.message);

  const client = path.join(outDir, 'client');
  const all = await files(client);
  const htmlFiles = all.filter((file) => file.endsWith('.html'));
  const gz = async (file: string) => gzipSync(await readFile(file), { level: 9 }).length;
  const items_ = htmlFiles.filter((file) => file.includes('/news/'));
  const itemSizes = (await Promise.all(items_.slice(0, 400).map(gz))).sort((a, b) => a - b);
  const sizeOf = async (list: string[]) => (await Promise.all(list.map((file) => stat(file).then((s) => s.size)))).reduce((a, b) => a + b, 0);
  const weights = {
    'home /ru/ (gzip)': kb(await gz(path.join(client, 'ru/index.html'))),
    'home /en/ (gzip)': kb(await gz(path.join(client, 'en/index.html'))),
    'item page, median (gzip)': kb(itemSizes[Math.floor(itemSizes.length / 2)] ?? 0),
    'item page, largest (gzip)': kb(itemSizes[itemSizes.length - 1] ?? 0),
    'monitoring /ru/ (gzip)': kb(await gz(path.join(client, 'ru/monitoring/index.html'))),
    'HTML pages': String(htmlFiles.length),
    'feeds (RSS + JSON)': String(all.filter((file) => /\/(rss\.xml|feed\.json)$/.test(file)).length),
    'output total': mb(await sizeOf(all)),
    'search index': mb(await sizeOf(all.filter((file) => file.includes(`${path.sep}pagefind${path.sep}`)))),
  };

  process.stderr.write(`building a bare Astro site of ${htmlFiles.length} pages…\n`);
  const bareDir = await bareProject(htmlFiles.length);
  const bare = await buildSite({ root: bareDir, outDir: path.join(bareDir, 'dist'), stdio: 'pipe', astroBin });
  if (!bare.ok) throw new Error(bare.error.message);
  rows.push({ items, pages: htmlFiles.length, site: site.value, bare: bare.value, weights });
  if (!values.keep) await Promise.all([removeSite(outDir), ...[bareDir, dataDir].map((dir) => rm(dir, { recursive: true, force: true }))]);
}

const table = new Table({ head: ['shown items', 'HTML pages', 'site build', 'site peak RSS', 'bare Astro build', 'bare peak RSS', 'time ratio', 'memory ratio'] });
for (const row of rows) {
  table.push([
    row.items,
    row.pages,
    seconds(row.site.ms),
    mb(row.site.peakRssBytes),
    seconds(row.bare.ms),
    mb(row.bare.peakRssBytes),
    `${(row.site.ms / row.bare.ms).toFixed(2)}×`,
    row.site.peakRssBytes && row.bare.peakRssBytes ? `${(row.site.peakRssBytes / row.bare.peakRssBytes).toFixed(2)}×` : 'n/a',
  ]);
}
process.stdout.write(`${table.toString()}\n`);
for (const row of rows) {
  const weights = new Table({ head: [`page weights, ${row.items} items`, ''] });
  for (const [name, value] of Object.entries(row.weights)) weights.push([name, value]);
  process.stdout.write(`${weights.toString()}\n`);
}
process.stdout.write(`${JSON.stringify(rows.map(({ items, pages, site, bare, weights }) => ({ items, pages, siteMs: site.ms, sitePeakRss: site.peakRssBytes, bareMs: bare.ms, barePeakRss: bare.peakRssBytes, weights })))}\n`);
