import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../content/imageManifest.ts';
import { imageKey } from '../imagePolicy.ts';
import { publishImages, syncImages } from './images.ts';

// A loopback server plays the sources' image hosts.

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
/** A valid PNG header declaring 30000×30000 pixels over a few hundred bytes of data: a pixel bomb. */
function pixelBombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30000, 0);
  ihdr.writeUInt32BE(30000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]);
}

let server: Server;
let base: string;
let port: number;
/** The test server is on loopback, which the store refuses unless told otherwise. */
const LOOPBACK = { allowHosts: ['127.0.0.1'] };
const hits = new Map<string, number>();
let photo: Buffer;
let small: Buffer;

beforeAll(async () => {
  photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 90, b: 140 } } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><circle cx="300" cy="200" r="150" fill="#f5c518"/></svg>'), top: 200, left: 300 }])
    .jpeg()
    .toBuffer();
  small = await sharp({ create: { width: 300, height: 200, channels: 4, background: '#888888' } }).png().toBuffer();
  const huge = Buffer.alloc(11 * 1024 * 1024, 1);
  server = createServer((request, response) => {
    hits.set(request.url ?? '/', (hits.get(request.url ?? '/') ?? 0) + 1);
    const url = (request.url ?? '/').split('?')[0]!;
    const send = (type: string, body: Buffer, chunked = false) => {
      response.writeHead(200, chunked ? { 'content-type': type } : { 'content-type': type, 'content-length': body.length });
      response.end(body);
    };
    if (url === '/photo.jpg') return send('image/jpeg', photo);
    if (url === '/small.png') return send('image/png', small);
    if (url === '/bomb.png') return send('image/png', pixelBombPng());
    if (url === '/huge-declared.jpg') return send('image/jpeg', huge);
    if (url === '/huge-streamed.jpg') {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      for (let offset = 0; offset < huge.length; offset += 1 << 20) response.write(huge.subarray(offset, offset + (1 << 20)));
      return response.end();
    }
    if (url === '/truncated.jpg') {
      // Declares the whole photo, sends half, then drops the connection.
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length });
      response.write(photo.subarray(0, photo.length >> 1));
      return void setTimeout(() => response.socket?.destroy(), 20);
    }
    if (url === '/stalled.jpg') {
      // Headers and a first chunk, then nothing: slower than any timeout.
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length });
      response.write(photo.subarray(0, 100));
      return void setTimeout(() => response.socket?.destroy(), 5000);
    }
    if (url === '/page.html') return send('text/html', Buffer.from('<html></html>'));
    if (url === '/garbage.jpg') return send('image/jpeg', Buffer.from('not really a jpeg'));
    if (url.startsWith('/redirect-to/')) return response.writeHead(302, { location: decodeURIComponent(url.slice('/redirect-to/'.length)) }).end();
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('syncImages', () => {
  it.each([
    ['/photo.jpg', 'ok', null],
    ['/small.png', 'ok', null],
    ['/bomb.png', 'refused', 'image_too_many_pixels'],
    ['/huge-declared.jpg', 'refused', 'image_too_large'],
    ['/huge-streamed.jpg', 'refused', 'image_too_large'],
    ['/page.html', 'refused', 'image_not_image'],
    ['/garbage.jpg', 'refused', 'image_undecodable'],
    ['/missing.jpg', 'failed', 'image_http_status'],
  ])('%s -> %s %s', async (file, status, code) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-images-'));
    const url = `${base}${file}`;
    const run = await syncImages(dir, [url], LOOPBACK);
    const record = (await readManifest(dir))[url]!;
    expect(record.status).toBe(status);
    if (record.status !== 'ok') {
      expect(record.code).toBe(code);
      expect(run.log[0]).toContain(url); // the logged reason names the image
    }
  });

  it('records a body cut off or stalled as a failure and stores the other images of the run', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-images-'));
    const urls = [`${base}/truncated.jpg`, `${base}/stalled.jpg`, `${base}/photo.jpg?beside-broken`];
    const run = await syncImages(dir, urls, { ...LOOPBACK, timeoutMs: 400 });
    expect(run).toMatchObject({ processed: 3, ok: 1, failed: 2 });
    const manifest = await readManifest(dir);
    expect(manifest[urls[0]!]).toMatchObject({ status: 'failed', code: 'image_fetch' });
    expect(manifest[urls[1]!]).toMatchObject({ status: 'failed', code: 'image_timeout' });
    expect(manifest[urls[2]!]).toMatchObject({ status: 'ok' });
    // Failures are retried by the next build; the stored image is not fetched again.
    const again = await syncImages(dir, urls, { ...LOOPBACK, timeoutMs: 400 });
    expect(again.processed).toBe(2);
  });

  it('encodes responsive AVIF and WebP variants no wider than the original', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-images-'));
    await syncImages(dir, [`${base}/photo.jpg`, `${base}/small.png`], LOOPBACK);
    const manifest = await readManifest(dir);
    const photoRecord = manifest[`${base}/photo.jpg`]!;
    const smallRecord = manifest[`${base}/small.png`]!;
    if (photoRecord.status !== 'ok' || smallRecord.status !== 'ok') throw new Error('not stored');
    expect(photoRecord.variants.map((variant) => `${variant.format}:${variant.width}x${variant.height}`).sort()).toEqual(['avif:480x320', 'avif:960x640', 'webp:480x320', 'webp:960x640']);
    expect(smallRecord.variants.map((variant) => `${variant.format}:${variant.width}`).sort()).toEqual(['avif:300', 'webp:300']);
    const files = await readdir(path.join(dir, 'images', photoRecord.key));
    expect(files.sort()).toEqual(['w480.avif', 'w480.webp', 'w960.avif', 'w960.webp']);
    const avif = await sharp(path.join(dir, 'images', photoRecord.key, 'w960.avif')).metadata();
    expect(avif.format).toBe('heif');
    expect(photoRecord.key).toBe(imageKey(`${base}/photo.jpg`));
  });

  it('fetches an image once; retries failures, never refusals', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-images-'));
    const urls = [`${base}/photo.jpg?once`, `${base}/bomb.png?once`, `${base}/missing.jpg?once`];
    await syncImages(dir, urls, LOOPBACK);
    const second = await syncImages(dir, urls, LOOPBACK);
    expect(second.processed).toBe(1);
    expect(hits.get('/photo.jpg?once')).toBe(1);
    expect(hits.get('/bomb.png?once')).toBe(1);
    expect(hits.get('/missing.jpg?once')).toBe(2);
  });

  it('refuses URLs that are not http(s) without fetching', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-images-'));
    await syncImages(dir, ['file:///etc/passwd', 'not a url']);
    const manifest = await readManifest(dir);
    expect(manifest['file:///etc/passwd']).toMatchObject({ status: 'refused', code: 'image_url_scheme' });
    expect(manifest['not a url']).toMatchObject({ status: 'refused', code: 'image_url_invalid' });
  });
});

describe('syncImages: only public hosts', () => {
  const hitsOf = (path: string) => hits.get(path) ?? 0;
  it.each([
    ['loopback address', () => `${base}/photo.jpg?private-1`, '127.0.0.1', 'loopback'],
    ['a name that resolves to loopback', () => `http://localhost:${port}/photo.jpg?private-2`, 'localhost', 'loopback'],
    ['IPv6 loopback', () => `http://[::1]:${port}/photo.jpg?private-3`, '::1', 'loopback'],
    ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${port}/photo.jpg?private-4`, '::ffff:7f00:1', 'loopback'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/photo.jpg', '169.254.169.254', 'linkLocal'],
    ['a private network address', () => 'http://10.20.30.40/photo.jpg', '10.20.30.40', 'private'],
    ['a redirect from an allowed host to another loopback address', () => `${base}/redirect-to/${encodeURIComponent(`http://127.0.0.2:${port}/photo.jpg?private-5`)}`, '127.0.0.2', 'loopback'],
    ['a redirect from an allowed host to a name on loopback', () => `${base}/redirect-to/${encodeURIComponent(`http://localhost:${port}/photo.jpg?private-6`)}`, 'localhost', 'loopback'],
  ])('refuses %s with a logged reason, without fetching it', async (_name, urlOf, host, range) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-images-'));
    const url = urlOf();
    const allow = url.includes('/redirect-to/') ? LOOPBACK : {};
    const run = await syncImages(dir, [url], allow);
    const record = (await readManifest(dir))[url]!;
    expect(record).toMatchObject({ status: 'refused', code: 'image_address_private' });
    expect(run.log[0]).toContain(url);
    expect(run.log[0]).toContain(`a ${range} address`);
    expect(run.log[0]).toContain(host);
    for (let n = 1; n <= 6; n++) expect(hitsOf(`/photo.jpg?private-${n}`)).toBe(0);
  });

  it('fetches a loopback host when it is explicitly allowed, and follows a redirect within the allowed hosts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-images-'));
    const url = `${base}/redirect-to/${encodeURIComponent(`${base}/small.png?allowed`)}`;
    await syncImages(dir, [url], LOOPBACK);
    expect((await readManifest(dir))[url]).toMatchObject({ status: 'ok' });
    expect(hitsOf('/small.png?allowed')).toBe(1);
  });
});

describe('publishImages', () => {
  it('copies the variants of the given images into the site', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-images-'));
    const site = await mkdtemp(path.join(os.tmpdir(), 'medclusters-site-'));
    await syncImages(dir, [`${base}/small.png?publish`], LOOPBACK);
    const key = imageKey(`${base}/small.png?publish`);
    expect(await publishImages(dir, site, [key, 'unknown'])).toBe(2);
    expect(existsSync(path.join(site, 'images', key, 'w300.avif'))).toBe(true);
  });
});
