import { existsSync } from 'node:fs';
// The whole ingest over real HTTP on 127.0.0.1: every failure mode of a feed
// server at once, then re-ingests. No stage is replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { startFeedServer, type FeedServer } from '../src/pipeline/fetch/testServer.ts';
import { runIngest, exitCodeOf, type RunReport } from '../src/pipeline/run.ts';
import { createDefaultStages } from '../src/pipeline/stages.ts';
import { openLocalStore } from '../src/pipeline/store/local.ts';
import { parseSources, type SourceConfig } from '../src/pipeline/sources/sources.ts';
import { ingestCommand } from '../src/cli/ingestCommand.ts';
import { loadTagger } from '../src/pipeline/tag/index.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

function rss(items: { title: string; link: string; description: string; date: string }[], encoding = 'utf-8'): string {
  return `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0"><channel><title>Тестовая лента</title><link>https://health.example/</link><description>Новости здравоохранения</description>
${items
  .map(
    (item) => `<item><title>${item.title}</title><link>${item.link}</link><description>${item.description}</description><pubDate>${item.date}</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

const HEALTH_ITEMS = [
  {
    title: 'В Луганске открылся центр генных дерматозов',
    link: '/news/1?utm_source=rss',
    description: 'Центр на базе республиканского диспансера будет помогать пациентам с редкими болезнями кожи.',
    date: 'Tue, 17 Nov 2026 09:00:00 +0300',
  },
  {
    title: 'Мурманская область привлечет 24 врача по программе «Земский доктор»',
    link: 'https://health.example/news/2',
    description: 'Врачи получат до 2 млн рублей, фельдшеры &mdash; до 1 млн.',
    date: 'Wed, 18 Nov 2026 10:30:00 +0300',
  },
  {
    title: 'Челябинский центр протонной терапии принял тысячного пациента',
    link: 'https://health.example/news/3',
    description: 'Пациенты приезжают из других регионов и из-за рубежа.',
    date: 'Thu, 19 Nov 2026 12:00:00 +0300',
  },
];

const CYRILLIC = [
  {
    title: 'Минздрав Донецкой Народной Республики закупил 40 машин скорой помощи',
    link: 'https://dnr.example/news/40',
    description: 'Автомобили получат районные больницы республики.',
    date: 'Mon, 16 Nov 2026 08:00:00 +0300',
  },
];

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>&lol4;</title></item></channel></rss>`;

const SHARED_STORIES = [
  { path: '/news/1', title: 'В Луганске открылся центр генных дерматозов' },
  { path: '/news/2', title: 'Мурманская область привлечет 24 врача' },
  { path: '/news/3', title: 'Челябинский центр протонной терапии принял тысячного пациента' },
];

function sharedStoryFeed(prefix: string, tracking: string): string {
  const items = SHARED_STORIES.map(
    (story, index) =>
      `<item><guid isPermaLink="false">${prefix}-${index}</guid><title>${story.title}</title><link>https://shared.example${story.path}?${tracking.replace(/&/g, '&amp;')}</link><pubDate>Tue, 17 Nov 2026 0${index}:00:00 +0300</pubDate></item>`,
  ).join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${prefix}</title><link>https://shared.example/</link>${items}</channel></rss>`;
}

let server: FeedServer;
let dataDir: string;

const source = (id: string, feedPath: string): SourceConfig => {
  const parsed = parseSources(
    { sources: [{ id, name: { ru: id, en: id }, siteUrl: null, feedUrl: server.url(feedPath), region: 'luhansk', language: 'ru' }] },
    'test',
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value[0]!;
};

const tagger = loadTagger(path.join(ROOT, 'content/rules'));
if (!tagger.ok) throw new Error(tagger.error.message);
const stages = () =>
  createDefaultStages({ tagger: tagger.value, fetchOptions: { totalTimeoutMs: 1500, connectTimeoutMs: 1500, maxBytes: 1_000_000 }, politeness: { perHostDelayMs: 0 } });

const bySource = (report: RunReport) => Object.fromEntries(report.sources.map((entry) => [entry.sourceId, entry]));

async function readDataset(): Promise<Map<string, Record<string, unknown>>> {
  const text = await readFile(path.join(dataDir, 'dataset.ndjson'), 'utf8');
  return new Map(text.trim().split('\n').map((line) => {
    const document = JSON.parse(line);
    return [document._id, document];
  }));
}

beforeAll(async () => {
  server = await startFeedServer({
    '/good.xml': {
      body: rss(HEALTH_ITEMS),
      headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
      etag: '"v1"',
      lastModified: 'Thu, 19 Nov 2026 12:00:00 GMT',
      encoding: 'gzip',
    },
    '/moved.xml': { status: 301, redirect: '/good.xml' },
    '/missing.xml': { status: 404, body: 'not found' },
    '/broken.xml': { status: 500, body: 'oops' },
    '/loop-a': { status: 302, redirect: '/loop-b' },
    '/loop-b': { status: 302, redirect: '/loop-a' },
    '/never.xml': { neverRespond: true },
    '/huge.xml': { streamBytes: 20_000_000, headers: { 'content-type': 'application/rss+xml' } },
    '/cp1251.xml': {
      body: iconv.encode(rss(CYRILLIC, 'windows-1251'), 'windows-1251'),
      headers: { 'content-type': 'application/rss+xml; charset=windows-1251' },
    },
    '/koi8.xml': {
      // No charset in HTTP: the XML declaration has to be honoured.
      body: iconv.encode(rss([{ ...CYRILLIC[0]!, link: 'https://dnr.example/news/41', title: 'В Макеевке отремонтировали детскую поликлинику' }], 'koi8-r'), 'koi8-r'),
      headers: { 'content-type': 'text/xml' },
    },
    '/bomb.xml': { body: BOMB, headers: { 'content-type': 'application/xml' } },
    // A Chelyabinsk site writing local times without a zone.
    '/chel.xml': {
      body: rss([{ title: 'Челябинские врачи провели 100 операций на сердце', link: 'https://chel.example/news/1', description: 'Кардиоцентр подвел итоги.', date: '03.05.2026 10:00' }]),
      headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
    },
    // Two sources carrying the same stories under their own guids and tracking parameters.
    '/share-a.xml': { body: sharedStoryFeed('a', 'utm_source=a'), headers: { 'content-type': 'application/rss+xml; charset=utf-8' } },
    '/share-b.xml': { body: sharedStoryFeed('b', 'utm_source=b&utm_medium=rss'), headers: { 'content-type': 'application/rss+xml; charset=utf-8' } },
  });
  dataDir = await mkdtemp(path.join(tmpdir(), 'ingest-'));
});

afterAll(async () => {
  await server?.close();
});

describe('ingest over loopback HTTP', () => {
  let sources: SourceConfig[];
  let first: RunReport;

  beforeAll(async () => {
    sources = [
      source('good', '/good.xml'),
      source('moved', '/moved.xml'),
      source('missing', '/missing.xml'),
      source('broken', '/broken.xml'),
      source('loop', '/loop-a'),
      source('never', '/never.xml'),
      source('huge', '/huge.xml'),
      source('cp1251', '/cp1251.xml'),
      source('koi8', '/koi8.xml'),
      source('bomb', '/bomb.xml'),
    ];
    first = await runIngest(sources, openLocalStore(dataDir), stages());
  });

  it('reports each broken source with its stage and code, and ingests the others', () => {
    const report = bySource(first);
    expect(first.datasetError).toBeUndefined();
    expect(exitCodeOf(first)).toBe(0);
    expect(report.good).toMatchObject({ status: 'ok', items: { new: 3 } });
    expect(report.missing).toMatchObject({ status: 'failed', stage: 'fetch', error: { code: 'http_status' } });
    expect(report.broken).toMatchObject({ status: 'failed', stage: 'fetch', error: { code: 'http_status' } });
    expect(report.loop).toMatchObject({ status: 'failed', error: { code: 'redirect_loop' } });
    expect(report.never).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect(report.huge).toMatchObject({ status: 'failed', error: { code: 'too_large' } });
    expect(report.bomb).toMatchObject({ status: 'failed', stage: 'parse', error: { code: 'xml_entity_bomb' } });
    for (const failed of ['missing', 'broken', 'loop', 'never', 'huge', 'bomb']) {
      expect(report[failed]!.error!.message.length).toBeGreaterThan(10);
    }
  });

  it('stores the same item reached through a redirect once', () => {
    expect(bySource(first).moved).toMatchObject({ status: 'ok', items: { new: 0, duplicate: 3 } });
  });

  it('decodes windows-1251 (HTTP charset) and KOI8-R (XML declaration) bodies', async () => {
    const report = bySource(first);
    expect(report.cp1251).toMatchObject({ status: 'ok', encoding: 'windows-1251', items: { new: 1 } });
    expect(report.koi8).toMatchObject({ status: 'ok', encoding: 'koi8-r', items: { new: 1 } });
    const titles = [...(await readDataset()).values()].filter((d) => d._type === 'newsItem').map((d) => String(d.title));
    expect(titles).toContain('Минздрав Донецкой Народной Республики закупил 40 машин скорой помощи');
    expect(titles).toContain('В Макеевке отремонтировали детскую поликлинику');
    expect(titles.join('')).not.toContain('\uFFFD');
  });

  it('tags stored items with health, tasks and regions, as references with evidence', async () => {
    const items = [...(await readDataset()).values()].filter((d) => d._type === 'newsItem');
    const doctors = items.find((d) => d.link === 'https://health.example/news/2')! as Record<string, any>;
    expect(doctors.health).toBe(true);
    expect(doctors.suggestedTasks.map((s: any) => s.tag._ref)).toContain('task-workforce');
    expect(doctors.suggestedRegions.map((s: any) => s.tag._ref)).toContain('region-murmansk');
    for (const suggestion of [...doctors.suggestedTasks, ...doctors.suggestedRegions]) {
      expect(suggestion.confidence).toBeGreaterThan(0);
      expect(suggestion.evidence.length).toBeGreaterThan(0);
    }
  });

  it('keeps fetch state on the source documents: validators, failures, next fetch time', async () => {
    const dataset = await readDataset();
    expect(dataset.get('source-good')).toMatchObject({ etag: '"v1"', lastModified: 'Thu, 19 Nov 2026 12:00:00 GMT', consecutiveFailures: 0, lastError: null });
    const missing = dataset.get('source-missing')!;
    expect(missing).toMatchObject({ consecutiveFailures: 1, lastError: { code: 'http_status' } });
    expect(Date.parse(String(missing.nextFetchAt))).toBeGreaterThan(Date.now());
  });

  it('stores items in Sanity shape with absolute links stripped of tracking parameters', async () => {
    const items = [...(await readDataset()).values()].filter((d) => d._type === 'newsItem');
    const first = items.find((d) => String(d.title).includes('генных дерматозов'))!;
    expect(first).toMatchObject({
      link: 'https://health.example/news/1',
      source: { _type: 'reference', _ref: 'source-good' },
      reviewStatus: 'new',
      language: 'ru',
      publishedAt: '2026-11-17T06:00:00.000Z',
    });
    expect(String(first._id)).toMatch(/^item-[0-9a-f]{24}$/);
  });

  it('re-ingests: 304 for an unchanged feed, backoff for failing ones, editor fields kept on update', async () => {
    const second = bySource(await runIngest(sources, openLocalStore(dataDir), stages()));
    expect(second.good).toMatchObject({ status: 'not-modified' });
    expect(second.missing).toMatchObject({ status: 'backoff' });
    expect(server.requests.filter((request) => request.path === '/missing.xml')).toHaveLength(1);

    // An editor approves and translates an item, and a field the pipeline does not know appears.
    const file = path.join(dataDir, 'dataset.ndjson');
    const edited = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => {
        const document = JSON.parse(line);
        if (document.link === 'https://health.example/news/2') {
          Object.assign(document, { reviewStatus: 'approved', translations: { en: { title: 'Murmansk to hire 24 doctors' } }, editorNote: 'keep' });
        }
        return JSON.stringify(document);
      });
    await writeFile(file, `${edited.join('\n')}\n`);

    // Upstream rewrites the headline and changes the ETag.
    server.routes['/good.xml'] = {
      ...server.routes['/good.xml']!,
      etag: '"v2"',
      lastModified: 'Fri, 20 Nov 2026 12:00:00 GMT',
      body: rss(HEALTH_ITEMS.map((item, index) => (index === 1 ? { ...item, title: 'Мурманская область ждет 24 врачей по «Земскому доктору»' } : item))),
    };
    const third = bySource(await runIngest([sources[0]!], openLocalStore(dataDir), stages()));
    expect(third.good).toMatchObject({ status: 'ok', items: { new: 0, updated: 1, unchanged: 2 } });
    const updated = [...(await readDataset()).values()].find((d) => d.link === 'https://health.example/news/2')!;
    expect(updated).toMatchObject({
      title: 'Мурманская область ждет 24 врачей по «Земскому доктору»',
      reviewStatus: 'approved',
      translations: { en: { title: 'Murmansk to hire 24 doctors' } },
      editorNote: 'keep',
    });
  });

  it('exits 1 when every source failed, and leaves the stored items alone', async () => {
    const before = await readFile(path.join(dataDir, 'dataset.ndjson'), 'utf8');
    const report = await runIngest([source('missing2', '/missing.xml'), source('broken2', '/broken.xml')], openLocalStore(dataDir), stages());
    expect(exitCodeOf(report)).toBe(1);
    const after = await readDataset();
    const itemsBefore = before.trim().split('\n').map((line) => JSON.parse(line)).filter((d) => d._type === 'newsItem');
    for (const document of itemsBefore) expect(after.get(document._id)).toEqual(document);

    // Right after, both are backing off: not fetched, still failing, still exit 1.
    const again = await runIngest([source('missing2', '/missing.xml'), source('broken2', '/broken.xml')], openLocalStore(dataDir), stages());
    expect(again.sources.map((entry) => [entry.status, entry.consecutiveFailures])).toEqual([['backoff', 1], ['backoff', 1]]);
    expect(again.totals).toMatchObject({ failed: 0, backingOff: 2 });
    expect(exitCodeOf(again)).toBe(1);
  });

  it.each([
    ['a source backing off beside one that succeeds (or is not modified)', ['missing2', 'good'], 0],
    ['only sources backing off', ['missing2', 'broken2'], 1],
  ])('exit status with %s', async (_name, ids, status) => {
    const paths: Record<string, string> = { missing2: '/missing.xml', broken2: '/broken.xml', good: '/good.xml' };
    const report = await runIngest(ids.map((id) => source(id, paths[id]!)), openLocalStore(dataDir), stages());
    expect(exitCodeOf(report)).toBe(status);
  });
});

describe('dates without a zone', () => {
  it("are read in the source's region time zone: Chelyabinsk is UTC+5", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zone-'));
    const parsed = parseSources(
      { sources: [{ id: 'chel', name: { ru: 'chel', en: 'chel' }, siteUrl: null, feedUrl: server.url('/chel.xml'), region: 'chelyabinsk', language: 'ru' }] },
      'test',
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value[0]!.timeZone).toBe('Asia/Yekaterinburg');
    await runIngest(parsed.value, openLocalStore(dir), stages());
    const text = await readFile(path.join(dir, 'dataset.ndjson'), 'utf8');
    const item = text.trim().split('\n').map((line) => JSON.parse(line)).find((document) => document._type === 'newsItem');
    expect(item).toMatchObject({ publishedAt: '2026-05-03T05:00:00.000Z', publishedAtEstimated: false });
  });
});

describe('two ingests at once', () => {
  it('--only a and --only b on an empty dataset store each shared link once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'concurrent-'));
    const sourcesFile = path.join(dir, 'sources.json');
    const entry = (id: string) => ({ id, name: { ru: id, en: id }, siteUrl: null, feedUrl: server.url(`/share-${id}.xml`), region: 'luhansk', language: 'ru' });
    await writeFile(sourcesFile, JSON.stringify({ sources: [entry('a'), entry('b')] }));
    const io = { stdout: () => undefined, stderr: () => undefined, isTTY: false, stages: stages() };
    // Several rounds on fresh folders: the race, when there is one, does not lose every time.
    for (let round = 0; round < 4; round++) {
      const data = path.join(dir, `data-${round}`);
      const statuses = await Promise.all(
        ['a', 'b'].map((id) => ingestCommand(['--sources', sourcesFile, '--data', data, '--only', id], ROOT, io)),
      );
      expect(statuses).toEqual([0, 0]);
      const text = await readFile(path.join(data, 'dataset.ndjson'), 'utf8');
      const items = text.trim().split('\n').map((line) => JSON.parse(line)).filter((document) => document._type === 'newsItem');
      expect(items.map((item) => item.link).sort()).toEqual(SHARED_STORIES.map((story) => `https://shared.example${story.path}`).sort());
      for (const item of items) {
        const sources = [item.source._ref, ...(item.alsoSeenIn ?? []).map((ref: { _ref: string }) => ref._ref)].sort();
        expect(sources).toEqual(['source-a', 'source-b']);
      }
    }
  });
});

describe('ingest command', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), isTTY: false } };
  };

  it('exits 2 naming the bad field of a sources file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cmd-'));
    const file = path.join(dir, 'sources.json');
    await writeFile(file, JSON.stringify({ sources: [{ id: 'x', name: { ru: 'x', en: 'x' }, siteUrl: null, feedUrl: 'gopher://x', region: null, language: 'ru' }] }));
    const { err, io } = capture();
    expect(await ingestCommand(['--sources', file, '--data', dir], ROOT, io)).toBe(2);
    expect(err.join('')).toContain('sources[0].feedUrl');
  });

  it('names a failing file: feed as the sources file writes it, never by its path on this machine', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cmd-'));
    const file = path.join(dir, 'sources.json');
    await writeFile(file, JSON.stringify({ sources: [{ id: 'local', name: { ru: 'x', en: 'x' }, siteUrl: null, feedUrl: 'file:feeds/missing.xml', region: null, language: 'ru' }] }));
    const { io } = capture();
    expect(await ingestCommand(['--sources', file, '--data', dir], ROOT, io)).toBe(1);
    const stored = (await readFile(path.join(dir, 'dataset.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line)).find((document) => document._id === 'source-local');
    expect(stored.lastError).toMatchObject({ code: 'file_not_found' });
    expect(stored.lastError.message).toContain('file:feeds/missing.xml');
    expect(stored.lastError.message).not.toContain(dir);
  });

  it('exits 2 when the dataset cannot be written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cmd-'));
    await writeFile(path.join(dir, 'blocker'), 'x');
    const { err, io } = capture();
    const status = await ingestCommand(['--sources', path.join(ROOT, 'content/demo/sources.json'), '--only', 'demo-tass-en', '--data', path.join(dir, 'blocker', 'sub')], ROOT, io);
    expect(status).toBe(2);
    expect(err.join('')).toContain(`data_folder_unwritable: ${path.join(dir, 'blocker', 'sub')}: cannot prepare the data folder (ENOTDIR)`);
  });

  it('says so when it starts a new dataset in a new folder', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'cmd-')), 'new');
    const { err, io } = capture();
    expect(await ingestCommand(['--sources', path.join(ROOT, 'content/demo/sources.json'), '--only', 'demo-tass-en', '--data', dir], ROOT, io)).toBe(0);
    expect(err.join('')).toContain(`new data folder ${dir}`);
    expect(existsSync(path.join(dir, 'dataset.ndjson'))).toBe(true);
  });

  it('ingests the bundled demo feeds from file: paths and prints the table; --dry-run writes nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cmd-'));
    const dry = capture();
    expect(await ingestCommand(['--sources', path.join(ROOT, 'content/demo/sources.json'), '--data', dir, '--dry-run'], ROOT, dry.io)).toBe(0);
    await expect(readFile(path.join(dir, 'dataset.ndjson'), 'utf8')).rejects.toThrow();
    const real = capture();
    expect(await ingestCommand(['--sources', path.join(ROOT, 'content/demo/sources.json'), '--data', dir], ROOT, real.io)).toBe(0);
    const table = real.out.join('');
    expect(table).toContain('demo-murmansk-media');
    expect(table).toMatch(/9 sources, 0 failed, 0 backing off after failures; items: 24\d new/);
    // The dataset records feed addresses as the sources file gives them, the same on every machine.
    const dataset = (await readFile(path.join(dir, 'dataset.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(dataset.find((document) => document._id === 'source-demo-lnr-health')?.feedUrl).toBe('file:feeds/demo-lnr-health.xml');
    expect(dataset.filter((document) => JSON.stringify(document).includes(ROOT))).toEqual([]);
  });
});
