// npm run bench [-- --only ingest|tagger|site|refresh|live]... [--sizes 1000,10000] [--interval S] [--items N]: the
// ingest of 50 feeds x 50 items served on loopback (one address per feed:
// 127.0.0.1 .. 127.0.0.50, so per-host politeness is real), the pipeline's
// processing time against a bare rss-parser parse of the same bytes, the
// tagger's throughput (median of 5 runs, in its own process when other parts
// run too), and the site build (scripts/bench-site.ts, in its own
// process: build time and peak memory against a bare Astro build, page
// weights), the incremental rebuild after 10 new items (bench-site.ts --refresh), and the time from an
// item's publication to the site's feed with `npm start` running (scripts/bench-live.ts). All parts by
// default. Figures go to stdout; nothing is asserted.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import Parser from 'rss-parser';
import { runIngest, type PipelineStages } from '../src/pipeline/run.ts';
import { createDefaultStages } from '../src/pipeline/stages.ts';
import { openLocalStore } from '../src/pipeline/store/local.ts';
import { parseSources } from '../src/pipeline/sources/sources.ts';
import { benchTagger, loadTagger } from '../src/pipeline/tag/index.ts';

const FEEDS = 50;
const ITEMS_PER_FEED = 50;
const root = path.resolve(import.meta.dirname, '..');

type SampleItem = { title: string; summary: string };

/** Sample items from the bundled demo feeds: real Russian/English/Belarusian text. */
async function sampleItems(): Promise<SampleItem[]> {
  const stages = createDefaultStages({ politeness: false });
  const items: SampleItem[] = [];
  const demo = JSON.parse(await readFile(path.join(root, 'content/demo/sources.json'), 'utf8')) as { sources: { feedUrl: string }[] };
  for (const source of demo.sources) {
    const bytes = await readFile(path.join(root, 'content/demo', source.feedUrl.replace(/^file:/, '')));
    const decoded = stages.decodeFeed(bytes, null);
    if (!decoded.ok) throw new Error(decoded.error.message);
    const parsed = await stages.parseFeed(decoded.value.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    for (const item of parsed.value.items) items.push({ title: item.title ?? '', summary: item.description ?? '' });
  }
  return items;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Feed n: 50 items, every tenth feed in windows-1251 as many regional sites still are. */
function feedBody(n: number, items: SampleItem[]): { body: Buffer; contentType: string } {
  const encoding = n % 10 === 0 ? 'windows-1251' : 'utf-8';
  const entries = Array.from({ length: ITEMS_PER_FEED }, (_, index) => {
    const sample = items[(n * ITEMS_PER_FEED + index) % items.length]!;
    const date = new Date(Date.UTC(2026, 10, 1) + (n * ITEMS_PER_FEED + index) * 600_000).toUTCString();
    return `<item><title>${escapeXml(sample.title)}</title><link>https://feed${n}.example/news/${index}?utm_source=rss</link><guid>https://feed${n}.example/news/${index}</guid><pubDate>${date}</pubDate><description>${escapeXml(`<p>${sample.summary}</p><img src="/img/${index}.jpg">`)}</description></item>`;
  }).join('\n');
  const xml = `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>Bench feed ${n}</title><link>https://feed${n}.example/</link><description>bench</description>\n${entries}\n</channel></rss>`;
  return { body: iconv.encode(xml, encoding), contentType: `application/rss+xml; charset=${encoding}` };
}

async function listen(host: string, body: Buffer, contentType: string): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return server;
}

function peakMemorySampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  return { stop: () => (clearInterval(timer), Math.max(peak, process.memoryUsage().rss)) };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function benchIngest(items: SampleItem[], stages: PipelineStages) {
  const feeds = Array.from({ length: FEEDS }, (_, index) => feedBody(index + 1, items));
  const servers: Server[] = [];
  const sources = [];
  for (let index = 0; index < FEEDS; index++) {
    const host = `127.0.0.${index + 1}`;
    const server = await listen(host, feeds[index]!.body, feeds[index]!.contentType);
    servers.push(server);
    const { port } = server.address() as { port: number };
    sources.push({ id: `bench-${index + 1}`, name: { ru: `Лента ${index + 1}`, en: `Feed ${index + 1}` }, siteUrl: null, feedUrl: `http://${host}:${port}/feed.xml`, region: null, language: 'ru' });
  }
  const parsed = parseSources({ sources }, 'bench');
  if (!parsed.ok) throw new Error(parsed.error.message);
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-'));
  // What the process holds before the run (Node, the loaded modules and rules, the feeds it serves): part of the peak.
  const before = process.memoryUsage().rss;
  const memory = peakMemorySampler();
  const started = performance.now();
  const report = await runIngest(parsed.value, openLocalStore(dir), stages);
  const wallMs = performance.now() - started;
  const peak = memory.stop();
  for (const server of servers) server.close();
  await rm(dir, { recursive: true, force: true });
  const failed = report.sources.filter((source) => source.status !== 'ok');
  if (failed.length > 0 || report.datasetError) throw new Error(`bench ingest failed: ${JSON.stringify(failed[0] ?? report.datasetError)}`);
  return { wallMs, items: report.totals.new, peak, before, feeds };
}

/** Processing only (no network, no store): the pipeline's stages vs rss-parser alone on the same bytes. */
async function benchProcessing(feeds: { body: Buffer; contentType: string }[], stages: PipelineStages, rounds: number) {
  const parser = new Parser();
  const now = new Date().toISOString();
  const time = async (fn: () => Promise<void>) => {
    await fn(); // warm-up
    const started = performance.now();
    for (let round = 0; round < rounds; round++) await fn();
    return (performance.now() - started) / rounds;
  };
  const bare = await time(async () => {
    for (const feed of feeds) {
      const charset = /charset=([\w-]+)/.exec(feed.contentType)![1]!;
      await parser.parseString(iconv.decode(feed.body, charset));
    }
  });
  const pipeline = await time(async () => {
    for (const [index, feed] of feeds.entries()) {
      const decoded = stages.decodeFeed(feed.body, feed.contentType);
      if (!decoded.ok) throw new Error(decoded.error.message);
      const parsed = await stages.parseFeed(decoded.value.text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      for (const item of stages.normalizeFeed(parsed.value, { sourceId: `bench-${index}`, feedUrl: 'https://feed.example/feed.xml', now }).items) {
        const language = stages.detectLanguage(item, 'ru');
        stages.tagItem?.({ title: item.title, summary: item.summary, language: language.language, sourceRegion: null });
      }
    }
  });
  return { bare, pipeline };
}

const PARTS = ['ingest', 'tagger', 'site', 'refresh', 'live'] as const;
const { values } = parseArgs({ options: { only: { type: 'string', multiple: true }, sizes: { type: 'string' }, interval: { type: 'string' }, items: { type: 'string' } } });
const unknownPart = (values.only ?? []).find((part) => !(PARTS as readonly string[]).includes(part));
if (unknownPart !== undefined) {
  console.error(`bench: --only ${unknownPart}: one of ${PARTS.join(', ')}`);
  process.exit(2);
}
const run = new Set<string>(values.only ?? PARTS);

/** Runs a bench script in a child process, so that its part is measured from a clean start; a failure fails this run. */
async function benchInChild(script: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, [path.join(root, 'scripts', script), ...args], { cwd: root, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) process.exitCode = 1;
}
const alone = run.size === 1;

if (run.has('ingest') || run.has('tagger')) {
  const items = await sampleItems();
  const tagger = loadTagger(path.join(root, 'content/rules'));
  if (!tagger.ok) throw new Error(tagger.error.message);
  // The tagger in its own process: it should neither pay for the heap the ingest leaves nor add to the ingest's peak memory.
  if (run.has('tagger') && !alone) await benchInChild('bench.ts', ['--only', 'tagger']);
  else if (run.has('tagger')) {
    // Held-out labelled items: the length and mix of real feed items, and none the learned layer was fitted on.
    const heldOut = readFileSync(path.join(root, 'content/eval/holdout.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { title: string; summary: string });
    const speed = benchTagger(heldOut, 100, tagger.value, 5);
    const range = (runs: number[]) => `${Math.min(...runs)}-${Math.max(...runs)}`;
    console.log(`tagger, one core, ${heldOut.length} held-out items x 100, 5 runs (CPU time; median, range):`);
    console.log(`  tag stage (health, tasks, regions, learned layer)   ${speed.tagging} items/s (${range(speed.runs.tagging)})`);
    console.log(`  language detection + tag stage                      ${speed.withLanguage} items/s (${range(speed.runs.withLanguage)})`);
  }
  if (run.has('ingest')) {
    const stages = createDefaultStages({ tagger: tagger.value });
    const ingest = await benchIngest(items, stages);
    const processing = await benchProcessing(ingest.feeds, stages, 5);
    const bytes = ingest.feeds.reduce((sum, feed) => sum + feed.body.length, 0);

    console.log(`ingest: ${FEEDS} feeds x ${ITEMS_PER_FEED} items (${mb(bytes)}) over HTTP on 127.0.0.1-127.0.0.${FEEDS}`);
    console.log(`  wall time      ${(ingest.wallMs / 1000).toFixed(2)} s`);
    console.log(`  throughput     ${Math.round(ingest.items / (ingest.wallMs / 1000))} items/s (${ingest.items} items stored)`);
    console.log(`  peak memory    ${mb(ingest.peak)} RSS, ${mb(ingest.before)} of it before the run (process max RSS ${mb(process.resourceUsage().maxRSS * 1024)})`);
    console.log(`processing the same bytes in memory (mean of 5 rounds):`);
    console.log(`  bare rss-parser parse          ${processing.bare.toFixed(1)} ms`);
    console.log(`  pipeline decode..tag           ${processing.pipeline.toFixed(1)} ms`);
    console.log(`  ratio pipeline / bare parse    ${(processing.pipeline / processing.bare).toFixed(2)}x`);
  }
}

if (run.has('site')) {
  // Its own process (bench-site.ts): the site build's memory is measured from a clean start, not on top of the ingest's.
  console.log('site build (scripts/bench-site.ts):');
  await benchInChild('bench-site.ts', values.sizes ? ['--sizes', values.sizes] : []);
}

if (run.has('refresh')) {
  console.log('site refresh (scripts/bench-site.ts --refresh):');
  await benchInChild('bench-site.ts', ['--refresh', ...(values.sizes ? ['--sizes', values.sizes] : [])]);
}

if (run.has('live')) {
  // Its own process (bench-live.ts): the service, a feed publishing items on 127.0.0.1, the time each takes to show.
  console.log('time to visible (scripts/bench-live.ts):');
  await benchInChild('bench-live.ts', [...(values.interval ? ['--interval', values.interval] : []), ...(values.items ? ['--items', values.items] : [])]);
}
