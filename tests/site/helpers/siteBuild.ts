import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { buildSite } from '../../../src/lib/site/build/run.ts';
import { generateDataset, writeDataset } from '../fixtures/generateDataset.ts';
import type { DatasetDocument } from '../../../src/pipeline/store/documents.ts';
import { withSeededDocuments } from '../../support/seededDocuments.ts';

// Every site test file needs the same built site. Vitest runs test files in
// separate workers, so the first one to get here builds (under a file lock)
// and the others wait and reuse the output. The output is keyed by a hash of
// the site's sources and the fixture, so an unchanged site is not rebuilt
// between runs either.

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const FIXTURE = { items: 140, seed: 7 };
export const SITE_URL = 'https://medclusters.test';
const CACHE = path.join(ROOT, 'node_modules/.cache/medclusters-site-tests');
const INPUTS = ['astro.config.mjs', 'src/pages', 'src/layouts', 'src/components', 'src/i18n', 'src/lib', 'src/pipeline/store', 'src/pipeline/normalize', 'public', 'tests/site/fixtures', 'tests/site/helpers', 'content/taxonomy.json', 'content/pages', 'docs', 'tests/support'];

async function filesUnder(target: string): Promise<string[]> {
  if (!existsSync(target)) return [];
  const entries = await readdir(target, { withFileTypes: true, recursive: true }).catch(() => null);
  if (entries === null) return [target];
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function fingerprint(): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ FIXTURE, SITE_URL }));
  const files = (await Promise.all(INPUTS.map((input) => filesUnder(path.join(ROOT, input))))).flat().filter((file) => !/\.test\.ts$/.test(file)).sort();
  for (const file of files) hash.update(file).update(await readFile(file));
  return hash.digest('hex').slice(0, 16);
}

export type BuiltSite = { outDir: string; client: string; dataDir: string; documents: DatasetDocument[]; imageBase: string };

/** A PNG whose header declares 30000×30000 pixels: the image store must refuse it. */
export function pixelBombPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    let c = 0xffffffff;
    for (const byte of body) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE((c ^ 0xffffffff) >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30000, 0);
  ihdr.writeUInt32BE(30000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]);
}

/** Serves item images on 127.0.0.1 while the build fetches them (the image store's real path, offline). */
async function imageServer(): Promise<{ base: string; close: () => Promise<void> }> {
  const photo = await sharp({ create: { width: 1200, height: 675, channels: 3, background: { r: 15, g: 61, b: 94 } } }).jpeg().toBuffer();
  const bomb = pixelBombPng();
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url.endsWith('bomb.png')) return response.writeHead(200, { 'content-type': 'image/png' }).end(bomb);
    if (url.endsWith('.jpg')) return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/img`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The built fixture site, building it if this version of the sources has not been built yet. */
export async function ensureSite(): Promise<BuiltSite> {
  const key = await fingerprint();
  const dir = path.join(CACHE, key);
  const outDir = path.join(dir, 'out');
  const dataDir = path.join(dir, 'data');
  await mkdir(CACHE, { recursive: true });
  const release = await lockfile.lock(CACHE, { retries: { retries: 600, minTimeout: 200, maxTimeout: 500 }, stale: 300_000, lockfilePath: path.join(CACHE, '.lock') });
  try {
    if (!existsSync(path.join(dir, '.complete'))) {
      // Older builds are dead weight once the sources changed.
      for (const entry of await readdir(CACHE)) if (!entry.startsWith('.') && entry !== key) await rm(path.join(CACHE, entry), { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
      const images = await imageServer();
      try {
        // The fixture items, and the pages and site settings an ingest would seed.
        await writeDataset(dataDir, await withSeededDocuments(generateDataset({ ...FIXTURE, imageBase: images.base })));
        // The image server is on loopback, which the store refuses unless told otherwise.
        const built = await buildSite({ root: ROOT, outDir, dataDir, siteUrl: SITE_URL, stdio: 'pipe', env: { MEDCLUSTERS_IMAGE_ALLOW_HOSTS: '127.0.0.1' } });
        if (!built.ok) throw new Error(`${built.error.code}: ${built.error.message}`);
        await writeFile(path.join(dir, 'build.log'), `${built.value.notes.join('\n')}\n`);
      } finally {
        await images.close();
      }
      await writeFile(path.join(dir, '.complete'), new Date().toISOString());
    }
  } finally {
    await release();
  }
  const documents = (await readFile(path.join(dataDir, 'dataset.ndjson'), 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as DatasetDocument);
  const imageBase = String(documents.find((doc) => typeof doc.image === 'string' && String(doc.image).startsWith('http://127.0.0.1'))?.image ?? '').replace(/\/[^/]+$/, '');
  return { outDir, client: path.join(outDir, 'client'), dataDir, documents, imageBase };
}

/** Every file under the built client folder, as site paths (`/ru/index.html`). */
export async function clientFiles(client: string): Promise<string[]> {
  const entries = await readdir(client, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => `/${path.relative(client, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`);
}

/** The URL path a built HTML file answers (`/ru/news/x/index.html` → `/ru/news/x/`). */
export const pagePath = (file: string): string => file.replace(/index\.html$/, '');
