// The translate step inside a real ingest: two of the bundled sample feeds,
// as a source that is not sample data (so no bundled editors' translations
// apply), ingested with a DeepL stand-in on 127.0.0.1, with none, and with
// a provider that runs out of quota. No stage is replaced.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCommand } from '../src/cli/ingestCommand.ts';
import type { RunReport } from '../src/pipeline/run.ts';
import { CACHE_FILE } from '../src/pipeline/translate/cache.ts';
import { startDeeplStandIn, type StandIn } from '../src/pipeline/translate/testServers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
type Doc = { _id: string; _type: string; language?: string; health?: boolean; title?: string; translations?: unknown; machineTranslations?: Record<string, { title: string; provider: string; sourceHash: string }> };

let work: string;
let sourcesFile: string;
let deepl: StandIn;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'medclusters-translate-ingest-'));
  await cp(path.join(ROOT, 'content/demo/feeds'), path.join(work, 'feeds'), { recursive: true });
  const demo = JSON.parse(await readFile(path.join(ROOT, 'content/demo/sources.json'), 'utf8')) as { sources: Record<string, unknown>[] };
  const chosen = demo.sources.filter((source) => source.id === 'demo-lnr-health' || source.id === 'demo-tass-en').map((source) => ({ ...source, sample: false }));
  sourcesFile = path.join(work, 'sources.json');
  await writeFile(sourcesFile, JSON.stringify({ sources: chosen }));
  deepl = await startDeeplStandIn({ authKey: 'stand-in-key:fx' });
});
afterAll(async () => {
  await deepl.close();
  await rm(work, { recursive: true, force: true });
});

async function ingest(data: string, env: Record<string, string>): Promise<{ status: number; report: RunReport; items: Doc[] }> {
  let out = '';
  const status = await ingestCommand(['--sources', sourcesFile, '--data', data, '--json'], ROOT, { stdout: (text) => (out += text), stderr: () => {}, isTTY: false, env });
  const text = await readFile(path.join(data, 'dataset.ndjson'), 'utf8');
  const items = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Doc).filter((doc) => doc._type === 'newsItem');
  return { status, report: JSON.parse(out) as RunReport, items };
}

const deeplEnv = () => ({ DEEPL_AUTH_KEY: 'stand-in-key:fx', DEEPL_API_URL: deepl.url, MEDCLUSTERS_TRANSLATION_BUDGET: '1000000' });

describe('an ingest with a translation provider', () => {
  it('fills machine translations of every shown item into the other site language, and pays for nothing twice', async () => {
    const data = path.join(work, 'with-provider');
    const first = await ingest(data, deeplEnv());
    expect(first.status).toBe(0);
    const shown = first.items.filter((item) => item.health === true);
    expect(shown.length).toBeGreaterThan(40);
    expect(first.report.translation).toMatchObject({ provider: 'deepl', needed: shown.length, translated: shown.length, deferred: 0, written: shown.length });
    for (const item of shown) {
      const target = item.language === 'en' ? 'ru' : 'en';
      expect(item.machineTranslations?.[target]?.title, item._id).toBe(`[${target === 'en' ? 'EN-GB' : 'RU'}] ${item.title}`);
      expect(item.machineTranslations?.[target]?.provider).toBe('deepl');
      expect(item.translations).toBeUndefined();
    }
    expect(first.items.filter((item) => item.health === false).every((item) => item.machineTranslations === undefined)).toBe(true);
    expect(existsSync(path.join(data, CACHE_FILE))).toBe(true);

    const requests = deepl.requests.length;
    const second = await ingest(data, deeplEnv());
    expect(second.report.translation).toMatchObject({ needed: 0, characters: 0 });
    expect(deepl.requests.length).toBe(requests);
  });

  it('without a provider stores no machine translation and writes no cache', async () => {
    const data = path.join(work, 'without');
    const run = await ingest(data, {});
    expect(run.status).toBe(0);
    expect(run.report.translation).toBeUndefined();
    expect(run.items.every((item) => item.machineTranslations === undefined)).toBe(true);
    expect(existsSync(path.join(data, CACHE_FILE))).toBe(false);
  });

  it('a quota error is in the run report; the items are stored all the same', async () => {
    const data = path.join(work, 'quota');
    deepl.failNext.push({ status: 456, message: 'Quota exceeded' });
    const run = await ingest(data, deeplEnv());
    expect(run.status).toBe(0);
    expect(run.report.translation?.error?.code).toBe('translate_quota_exceeded');
    expect(run.report.totals.new).toBe(run.items.length);
  });

  it('stops with exit 2 on a provider misconfigured in the environment', async () => {
    const status = await ingestCommand(['--sources', sourcesFile, '--data', path.join(work, 'bad')], ROOT, {
      stdout: () => {},
      stderr: () => {},
      isTTY: false,
      env: { MEDCLUSTERS_TRANSLATION_PROVIDER: 'deepl' },
    });
    expect(status).toBe(2);
  });
});
