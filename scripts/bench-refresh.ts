// The refresh part of scripts/bench-site.ts (`npm run bench -- --only refresh`):
// a site of N generated items built from scratch, then a feed on 127.0.0.1
// publishes 10 new items in one of its sources, the real pipeline ingests them
// into the dataset and the site is rebuilt incrementally. Reports both build
// times, the ingest's, and how many pages the rebuild rendered and reused.
import { createServer } from 'node:http';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import Table from 'cli-table3';
import { buildSite, type BuildReport } from '../src/lib/site/build/run.ts';
import { removeSite } from '../src/lib/site/build/output.ts';
import { runIngest } from '../src/pipeline/run.ts';
import { createDefaultStages } from '../src/pipeline/stages.ts';
import { openLocalStore } from '../src/pipeline/store/local.ts';
import { parseSources } from '../src/pipeline/sources/sources.ts';
import { loadTagger } from '../src/pipeline/tag/index.ts';
import { generateDataset, writeDataset } from '../tests/site/fixtures/generateDataset.ts';

const NEW_ITEMS = 10;
const SOURCE = 'fx-luhansk';

type Row = { items: number; fullMs: number; refreshMs: number; newItems: number; ingestMs: number; fullPeakRss: number | null; refreshPeakRss: number | null; reusedPages: number; feedHasNew: boolean };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Health news in Russian from the bundled demo feed (real sample text), as new items of a feed. */
async function newItemsFeed(root: string, after: number, count: number): Promise<string> {
  const xml = await readFile(path.join(root, 'content/demo/feeds/demo-lnr-health.xml'), 'utf8');
  const items = [...xml.matchAll(/<item>[\s\S]*?<title>([\s\S]*?)<\/title>[\s\S]*?<description>([\s\S]*?)<\/description>[\s\S]*?<\/item>/g)].slice(0, count);
  const entries = items.map((match, index) => {
    const date = new Date(after + (index + 1) * 600_000).toUTCString();
    return `<item><title>${match[1]}</title><link>https://fx-luhansk.example/refresh/${index}</link><guid>https://fx-luhansk.example/refresh/${index}</guid><pubDate>${date}</pubDate><description>${match[2]}</description></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${escapeXml('Источник fx-luhansk')}</title><link>https://fx-luhansk.example/</link><description>bench</description>\n${entries.join('\n')}\n</channel></rss>`;
}

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function benchRefresh(args: { root: string; work: string; sizes: number[]; keep: boolean }): Promise<void> {
  const { root, work, sizes } = args;
  const tagger = loadTagger(path.join(root, 'content/rules'));
  if (!tagger.ok) throw new Error(tagger.error.message);
  const rows: Row[] = [];
  for (const items of sizes) {
    process.stderr.write(`\n== refresh: ${items} shown items × 2 languages, then ${NEW_ITEMS} new items\n`);
    const dataDir = path.join(work, `refresh-data-${items}`);
    const documents = generateDataset({ items, seed: 11, days: 365, allShown: true });
    await writeDataset(dataDir, documents);
    const newest = Math.max(...documents.flatMap((doc) => (doc._type === 'newsItem' && typeof doc.publishedAt === 'string' ? [Date.parse(doc.publishedAt)] : [])));
    const feed = await newItemsFeed(root, newest, NEW_ITEMS);
    let serving = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>empty</title><link>https://fx-luhansk.example/</link><description>bench</description></channel></rss>';
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      response.end(serving);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    // The source as the dataset has it (same names and site, so the site's labels do not change), fed from loopback.
    const sources = parseSources(
      { sources: [{ id: SOURCE, name: { ru: `Источник ${SOURCE}`, en: `Source ${SOURCE}` }, siteUrl: `https://${SOURCE}.example/`, feedUrl: `http://127.0.0.1:${port}/feed.xml`, region: 'luhansk', language: 'ru', sample: true }] },
      'bench',
    );
    if (!sources.ok) throw new Error(sources.error.message);
    const stages = createDefaultStages({ tagger: tagger.value, politeness: false });
    const ingest = () => runIngest(sources.value, openLocalStore(dataDir), stages, { force: true });
    // A first poll finds nothing new: the source's configuration is stored, as on a running installation.
    await ingest();

    const outDir = path.join(work, `refresh-site-${items}`);
    await removeSite(outDir);
    process.stderr.write('full build…\n');
    const full = await buildSite({ root, outDir, dataDir, stdio: 'pipe', force: true });
    if (!full.ok) throw new Error(full.error.message);

    serving = feed;
    const started = performance.now();
    const report = await ingest();
    const ingestMs = Math.round(performance.now() - started);
    process.stderr.write(`ingested ${report.totals.new} new items in ${ingestMs} ms; incremental build…\n`);
    server.close();
    const refresh: { ok: true; value: BuildReport } | { ok: false; error: { message: string } } = await buildSite({ root, outDir, dataDir, stdio: 'pipe' });
    if (!refresh.ok) throw new Error(refresh.error.message);
    const feedJson = await readFile(path.join(outDir, 'client/ru/feed.json'), 'utf8');
    rows.push({
      items,
      fullMs: full.value.ms,
      refreshMs: refresh.value.ms,
      newItems: report.totals.new,
      ingestMs,
      fullPeakRss: full.value.peakRssBytes,
      refreshPeakRss: refresh.value.peakRssBytes,
      reusedPages: refresh.value.reusedPages,
      feedHasNew: feedJson.includes('fx-luhansk.example/refresh/'),
    });
    if (!args.keep) await Promise.all([removeSite(outDir), rm(dataDir, { recursive: true, force: true })]);
  }
  const table = new Table({ head: ['shown items', 'full build', 'full peak RSS', 'new items', 'ingest', 'refresh build', 'refresh peak RSS', 'pages reused', 'refresh / full', 'new items in /ru/feed.json'] });
  for (const row of rows) {
    table.push([row.items, seconds(row.fullMs), mb(row.fullPeakRss), row.newItems, seconds(row.ingestMs), seconds(row.refreshMs), mb(row.refreshPeakRss), row.reusedPages, `${((row.refreshMs / row.fullMs) * 100).toFixed(0)} %`, row.feedHasNew ? 'yes' : 'NO']);
  }
  process.stdout.write(`${table.toString()}\n${JSON.stringify(rows)}\n`);
}
