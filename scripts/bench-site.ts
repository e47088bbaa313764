// npm run bench:site [-- --sizes 1000,10000]: build time and peak memory of the
// site for generated datasets of N shown items (each built in Russian and
// English), against a bare Astro build of the same number of pages; page
// weights as the Node server sends them (HTML plus its CSS, gzip and brotli,
// bytes on the wire), measured over HTTP on 127.0.0.1. Also `npm run bench`.
//
// With --refresh: on a site of N items built from scratch, an ingest of 10
// new items from a feed on 127.0.0.1 into one of its sources, then the
// incremental rebuild; the rebuild's time against the full build's.
import { request } from 'node:http';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Table from 'cli-table3';
import { buildSite, type BuildReport } from '../src/lib/site/build/run.ts';
import { serveSite } from '../src/service/serve.ts';
import { removeSite } from '../src/lib/site/build/output.ts';
import { generateDataset, writeDataset } from '../tests/site/fixtures/generateDataset.ts';
import { benchRefresh } from './bench-refresh.ts';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '1000,10000' }, keep: { type: 'boolean', default: false }, refresh: { type: 'boolean', default: false } },
});
const sizes = values.sizes.split(',').map(Number).filter((n) => n > 0);
const root = path.resolve(import.meta.dirname, '..');
// Inside the project, so the built server and the bare project resolve node_modules.
const work = path.join(root, 'node_modules/.cache/medclusters-bench');
const astroBin = path.join(root, 'node_modules/astro/bin/astro.mjs');

if (values.refresh) {
  await benchRefresh({ root, work, sizes, keep: values.keep });
  process.exit(process.exitCode ?? 0);
}

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

/** Bytes on the wire for one URL with this Accept-Encoding, and the stylesheets an HTML page links. */
function transfer(base: string, pathname: string, encoding: 'gzip' | 'br'): Promise<{ bytes: number; styles: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(pathname, base), { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${pathname}: HTTP ${res.statusCode}`));
        const body = Buffer.concat(chunks);
        const text = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(body) : res.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
        const styles = [...text.toString('utf8').matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]!);
        resolve({ bytes, styles });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** HTML plus its stylesheets, as transferred. */
async function pageWeight(base: string, pathname: string, encoding: 'gzip' | 'br'): Promise<number> {
  const page = await transfer(base, pathname, encoding);
  const styles = await Promise.all(page.styles.map((href) => transfer(base, href, encoding)));
  return page.bytes + styles.reduce((sum, style) => sum + style.bytes, 0);
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
  const site = await buildSite({ root, outDir, dataDir, stdio: 'pipe', force: true });
  if (!site.ok) throw new Error(site.error.message);

  const client = path.join(outDir, 'client');
  const all = await files(client);
  const htmlFiles = all.filter((file) => file.endsWith('.html'));
  const sizeOf = async (list: string[]) => (await Promise.all(list.map((file) => stat(file).then((s) => s.size)))).reduce((a, b) => a + b, 0);
  const server = await serveSite({ root, outDir, dataDir, port: 0, log: () => {} });
  if (!server.ok) throw new Error(server.error.message);
  const base = server.value.url;
  const itemPaths = htmlFiles.filter((file) => file.includes(`${path.sep}news${path.sep}`)).slice(0, 400).map((file) => `/${path.relative(client, file).split(path.sep).join('/').replace(/index\.html$/, '')}`);
  const weights: Record<string, string> = {};
  for (const encoding of ['gzip', 'br'] as const) {
    const items_ = (await Promise.all(itemPaths.map((pathname) => pageWeight(base, pathname, encoding)))).sort((a, b) => a - b);
    weights[`home /ru/, HTML + CSS (${encoding})`] = kb(await pageWeight(base, '/ru/', encoding));
    weights[`home /en/, HTML + CSS (${encoding})`] = kb(await pageWeight(base, '/en/', encoding));
    weights[`item page median, HTML + CSS (${encoding})`] = kb(items_[Math.floor(items_.length / 2)] ?? 0);
    weights[`item page largest, HTML + CSS (${encoding})`] = kb(items_[items_.length - 1] ?? 0);
    weights[`monitoring /ru/, HTML + CSS (${encoding})`] = kb(await pageWeight(base, '/ru/monitoring/', encoding));
  }
  await server.value.close();
  Object.assign(weights, {
    'HTML pages': String(htmlFiles.length),
    'feeds (RSS + JSON)': String(all.filter((file) => /\/(rss\.xml|feed\.json)$/.test(file)).length),
    'output total': mb(await sizeOf(all)),
    'search index': mb(await sizeOf(all.filter((file) => file.includes(`${path.sep}pagefind${path.sep}`)))),
  });

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
