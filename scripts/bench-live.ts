// npm run bench -- --only live [--interval 20] [--items 6]: time to visible.
// A feed on 127.0.0.1 publishes items while `npm start -- --sources F --data D
// --port 0 --host 127.0.0.1 --interval S` runs on a data folder seeded from the
// bundled dataset plus that feed; for each item, the time from its
// publication to its appearance in /ru/feed.json. Meanwhile a reader requests
// /ru/ without pause and every answer that is not 200 is counted, and the
// service's memory after each cycle is read from /api/health. Ends with a
// JSON line. Nothing is asserted (the target: interval + 45 s at p95).
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { removeSite } from '../src/lib/site/build/output.ts';
import { liveSourcesFile, startLiveFeed } from '../src/service/liveFeed.ts';
import { ROOT, startService } from '../src/service/spawnService.ts';

const { values } = parseArgs({ options: { interval: { type: 'string', default: '20' }, items: { type: 'string', default: '6' } } });
const intervalSeconds = Number(values.interval);
const count = Number(values.items);

const work = await mkdtemp(path.join(os.tmpdir(), 'medclusters-bench-live-'));
const data = path.join(work, 'data');
const out = path.join(work, 'site');
await mkdir(data);
await copyFile(path.join(ROOT, 'content/dataset.ndjson'), path.join(data, 'dataset.ndjson'));
const feed = await startLiveFeed(1);
const sources = path.join(work, 'sources.json');
await writeFile(sources, liveSourcesFile(feed.url));
const service = startService(['--sources', sources, '--data', data, '--out', out, '--port', '0', '--host', '127.0.0.1', '--interval', String(intervalSeconds)]);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

try {
  const url = (await service.waitFor(/The site is at (http:\S+)/, 300_000))[1]!;
  let reading = true;
  let answers = 0;
  const others = new Map<number, number>();
  const reader = (async () => {
    while (reading) {
      const response = await fetch(new URL('ru/', url)).catch(() => null);
      await response?.arrayBuffer();
      answers++;
      if (response?.status !== 200) others.set(response?.status ?? 0, (others.get(response?.status ?? 0) ?? 0) + 1);
    }
  })();
  const memory: number[] = [];
  const latencies: number[] = [];
  for (let index = 0; index < count; index++) {
    // Published at a random moment of the polling cycle, as news is.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * intervalSeconds * 1000));
    const item = feed.publish();
    for (;;) {
      const response = await fetch(new URL('ru/feed.json', url));
      const titles = response.ok ? ((await response.json()) as { items: { title: string }[] }).items.map((entry) => entry.title) : [];
      if (titles.includes(item.title)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    latencies.push(Date.now() - item.publishedAt.getTime());
    const health = (await (await fetch(new URL('api/health', url))).json()) as { service: { rssMb: number } };
    memory.push(health.service.rssMb);
    console.log(`  item ${index + 1}/${count}: visible after ${(latencies.at(-1)! / 1000).toFixed(1)} s (service ${health.service.rssMb} MB)`);
  }
  reading = false;
  await reader;
  const sorted = [...latencies].sort((a, b) => a - b);
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  console.log(`time to visible, --interval ${intervalSeconds} s, ${count} items: median ${seconds(percentile(sorted, 50))} s, p95 ${seconds(percentile(sorted, 95))} s, max ${seconds(sorted.at(-1)!)} s`);
  console.log(`/ru/ during the run: ${answers} answers, ${[...others.values()].reduce((a, b) => a + b, 0)} not 200 ${JSON.stringify(Object.fromEntries(others))}`);
  console.log(`service memory after each item: ${memory.join(', ')} MB`);
  console.log(JSON.stringify([{ intervalSeconds, items: count, medianS: seconds(percentile(sorted, 50)), p95S: seconds(percentile(sorted, 95)), maxS: seconds(sorted.at(-1)!), answers, not200: Object.fromEntries(others), rssMb: memory }]));
} finally {
  service.kill('SIGTERM');
  await service.exited;
  await feed.close();
  await removeSite(out);
  await rm(work, { recursive: true, force: true });
}
