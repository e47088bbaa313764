import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestCommand } from '../../src/cli/ingestCommand.ts';
import { readManifest } from '../../src/lib/content/imageManifest.ts';
import { syncImages } from '../../src/lib/site/build/images.ts';
import { ROOT } from './helpers/siteBuild.ts';

// The bundled demo as a fresh clone sees it: its sample feeds ingested by the
// real pipeline (file: feeds, no network), then their images fetched from the
// demo's own folder and encoded by the image store.

type Doc = { _id: string; _type: string; title?: string; summary?: string; image?: string | null; source?: { _ref: string }; health?: boolean; language?: string; translations?: { en?: { title?: string }; ru?: { title?: string }; sample?: boolean } };
let dataDir: string;
let items: Doc[];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-demo-'));
  const quiet = { stdout: () => {}, stderr: () => {}, isTTY: false, env: {} };
  const status = await ingestCommand(['--sources', path.join(ROOT, 'content/demo/sources.json'), '--data', dataDir], ROOT, quiet);
  expect(status).toBe(0);
  const text = await readFile(path.join(dataDir, 'dataset.ndjson'), 'utf8');
  items = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Doc).filter((doc) => doc._type === 'newsItem');
}, 120_000);

describe('the bundled demo', () => {
  it('writes «» in the KOI8-R feed as character references, so they survive decoding', async () => {
    const raw = await readFile(path.join(ROOT, 'content/demo/feeds/demo-murmansk-media.xml'), 'latin1');
    expect(raw).toMatch(/^<\?xml version="1.0" encoding="koi8-r"\?>/);
    expect(raw).toContain('&#171;');
    const murmansk = items.filter((item) => item.source?._ref === 'source-demo-murmansk-media');
    const text = murmansk.map((item) => `${item.title} ${item.summary}`).join('\n');
    expect(text).toContain('«Севрыба»');
    expect(text).not.toMatch(/\?Севрыба\?/);
    expect(text).not.toMatch(/[А-Яа-я]\?|\?[А-Яа-я]/);
  });

  it('gives every shown item its editors\' translations on the first ingest, marked sample, so the English site reads in English', () => {
    const shown = items.filter((item) => item.health === true);
    expect(shown.length).toBeGreaterThan(200);
    for (const item of shown) {
      expect(item.translations?.sample, item._id).toBe(true);
      if (item.language !== 'en') expect(item.translations?.en?.title, item._id).toMatch(/^[A-Z0-9"]/);
      if (item.language !== 'ru') expect(item.translations?.ru?.title, item._id).toMatch(/^[А-ЯЁ0-9«]/);
    }
  });

  it('illustrates some items with the demo images, through enclosures and media:content', () => {
    const illustrated = items.filter((item) => typeof item.image === 'string');
    expect(illustrated.length).toBeGreaterThanOrEqual(20);
    expect(illustrated.length).toBeLessThan(items.length / 2);
    const files = new Set(illustrated.map((item) => item.image!.replace('https://medclusters.example/sample/images/', '')));
    expect(files.size).toBeGreaterThanOrEqual(6);
    for (const file of files) expect(existsSync(path.join(ROOT, 'content/demo/images', file)), file).toBe(true);
  });

  it('has its images fetched from the demo folder and encoded to responsive WebP and AVIF', async () => {
    const urls = items.flatMap((item) => (typeof item.image === 'string' ? [item.image] : []));
    const run = await syncImages(dataDir, urls, { root: ROOT });
    expect(run.log).toEqual([]);
    const manifest = await readManifest(dataDir);
    for (const url of new Set(urls)) {
      const record = manifest[url]!;
      expect(record.status, url).toBe('ok');
      if (record.status === 'ok') expect(record.variants.map((variant) => `${variant.format}:${variant.width}`).sort()).toEqual(['avif:480', 'avif:960', 'webp:480', 'webp:960']);
    }
  }, 60_000);

  it('never reads outside the demo folder through the local origin', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-demo-images-'));
    const urls = ['https://medclusters.example/sample/images/../../sources.json', 'https://medclusters.example/sample/images/%2e%2e/SAMPLE-README.md'];
    await syncImages(dir, urls, { root: ROOT });
    const manifest = await readManifest(dir);
    for (const url of urls) expect(manifest[url], url).toMatchObject({ status: 'refused', code: 'image_url_invalid' });
  });
});
