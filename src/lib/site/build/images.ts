import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import writeFileAtomic from 'write-file-atomic';
import { fail, ok, type Result } from '../../../pipeline/model.ts';
import { IMAGE_DIR, MANIFEST, readManifest } from '../../content/imageManifest.ts';
import { createImageFetcher, ImageRefusedError, type Fetcher } from './imageFetch.ts';
import {
  checkDeclaredSize,
  checkImageHeader,
  checkImageUrl,
  IMAGE_LIMITS,
  imageKey,
  variantFile,
  variantWidths,
  type ImageManifest,
  type ImageRecord,
  type Variant,
} from '../imagePolicy.ts';

// Item images are fetched once, checked, encoded into responsive AVIF and WebP
// and kept in `<data>/images/` beside the dataset, so a page never hotlinks a
// source's server and a rebuild does not fetch again.

/** Why a fetch or a body read stopped: the timeout, or the connection. */
const fetchFailure = (url: string, error: unknown): { code: string; reason: string } => {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { code: 'image_timeout', reason: `${url}: no complete answer within the time limit` };
  const cause = (error as { cause?: { message?: string } })?.cause?.message;
  return { code: 'image_fetch', reason: `${url}: ${cause ?? (error as Error)?.message ?? String(error)}` };
};

/**
 * Reads a response body up to the byte limit; more is a refusal, not a
 * truncated image. A body cut off or stalled past the timeout is a failure
 * (retried on a later build), never an exception.
 */
async function readCapped(url: string, response: Response): Promise<Result<Buffer>> {
  const reader = response.body?.getReader();
  if (!reader) return fail('image_empty', `${url}: empty body`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch (error) {
      const failure = fetchFailure(url, error);
      return fail(failure.code, failure.reason);
    }
    const { done, value } = read;
    if (done) break;
    total += value.byteLength;
    if (total > IMAGE_LIMITS.maxBytes) {
      await reader.cancel();
      return fail('image_too_large', `${url}: more than ${IMAGE_LIMITS.maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return ok(Buffer.concat(chunks));
}

/**
 * Fetches, checks and encodes one image into `storeDir/<key>/`. Returns the
 * manifest record either way: nothing one image does (a host that stalls, a
 * body cut off, a disk error) stops the others or the build.
 */
export async function processImage(url: string, storeDir: string, fetcher: Fetcher, now: () => string, timeoutMs: number = IMAGE_LIMITS.timeoutMs): Promise<ImageRecord> {
  try {
    return await fetchAndEncode(url, storeDir, fetcher, now, timeoutMs);
  } catch (error) {
    return { status: 'failed', code: 'image_store', reason: `${url}: ${(error as Error)?.message ?? String(error)}`, at: now() };
  }
}

async function fetchAndEncode(url: string, storeDir: string, fetcher: Fetcher, now: () => string, timeoutMs: number): Promise<ImageRecord> {
  const refused = (code: string, reason: string): ImageRecord => ({ status: 'refused', code, reason, at: now() });
  const checked = checkImageUrl(url);
  if (!checked.ok) return refused(checked.error.code, checked.error.message);
  let response: Response;
  try {
    response = await fetcher(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    if (error instanceof ImageRefusedError) return refused(error.code, error.reason);
    return { status: 'failed', ...fetchFailure(url, error), at: now() };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { status: 'failed', code: 'image_http_status', reason: `${url}: HTTP ${response.status}`, at: now() };
  }
  const declared = checkDeclaredSize(url, response.headers.get('content-length'), response.headers.get('content-type'));
  if (!declared.ok) {
    await response.body?.cancel();
    return refused(declared.error.code, declared.error.message);
  }
  const body = await readCapped(url, response);
  if (!body.ok) {
    // A connection that broke or stalled may work next time; an oversize or empty body will not.
    if (body.error.code === 'image_timeout' || body.error.code === 'image_fetch') return { status: 'failed', code: body.error.code, reason: body.error.message, at: now() };
    return refused(body.error.code, body.error.message);
  }
  let meta: Metadata;
  try {
    // Reading the header decodes no pixels.
    meta = await sharp(body.value, { limitInputPixels: false }).metadata();
  } catch (error) {
    return refused('image_undecodable', `${url}: ${(error as Error).message}`);
  }
  const header = checkImageHeader(url, meta);
  if (!header.ok) return refused(header.error.code, header.error.message);
  const key = imageKey(url);
  const dir = path.join(storeDir, key);
  await mkdir(dir, { recursive: true });
  const variants: Variant[] = [];
  try {
    for (const width of variantWidths(header.value.width)) {
      // Belt and braces: the decoder itself also refuses more pixels than the limit.
      const base = sharp(body.value, { limitInputPixels: IMAGE_LIMITS.maxPixels, failOn: 'error', animated: false }).rotate().resize({ width, withoutEnlargement: true });
      const avif = await base.clone().avif(IMAGE_LIMITS.avif).toBuffer({ resolveWithObject: true });
      const webp = await base.clone().webp(IMAGE_LIMITS.webp).toBuffer({ resolveWithObject: true });
      for (const [format, output] of [['avif', avif], ['webp', webp]] as const) {
        const file = variantFile(output.info.width, format);
        await writeFile(path.join(dir, file), output.data);
        variants.push({ width: output.info.width, height: output.info.height, format, file });
      }
    }
  } catch (error) {
    return refused('image_undecodable', `${url}: ${(error as Error).message}`);
  }
  return { status: 'ok', key, at: now(), width: header.value.width, height: header.value.height, variants };
}

export type ImageRun = { processed: number; ok: number; refused: number; failed: number; log: string[] };

export type SyncOptions = {
  /** Replaces the network (tests); default createImageFetcher with the options below. */
  fetcher?: Fetcher;
  now?: () => string;
  concurrency?: number;
  /** Per image, the whole fetch including its body; default images.json's timeoutMs. */
  timeoutMs?: number;
  /** Hosts reachable although not public: only tests and a local demo server need this (MEDCLUSTERS_IMAGE_ALLOW_HOSTS). */
  allowHosts?: readonly string[];
  /** Where the local origins' folders are (images.json); default the working directory. */
  root?: string;
};

/**
 * Brings the store up to date for these URLs: new ones are fetched, earlier
 * failures retried, stored and refused ones left alone. The manifest is
 * written atomically.
 */
export async function syncImages(dataDir: string, urls: Iterable<string>, options: SyncOptions = {}): Promise<ImageRun> {
  const storeDir = path.join(dataDir, IMAGE_DIR);
  const manifest = await readManifest(dataDir);
  const fetcher = options.fetcher ?? createImageFetcher({ allowHosts: options.allowHosts, localOrigins: IMAGE_LIMITS.localOrigins, root: options.root });
  const now = options.now ?? (() => new Date().toISOString());
  const todo = [...new Set(urls)].filter((url) => {
    const record = manifest[url];
    if (!record || record.status === 'failed') return true;
    return record.status === 'ok' && !existsSync(path.join(storeDir, record.key));
  });
  const run: ImageRun = { processed: 0, ok: 0, refused: 0, failed: 0, log: [] };
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const url = todo[next++]!;
      const record = await processImage(url, storeDir, fetcher, now, options.timeoutMs);
      manifest[url] = record;
      run.processed += 1;
      run[record.status] += 1;
      if (record.status !== 'ok') run.log.push(`${record.status} ${record.code}: ${record.reason}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? IMAGE_LIMITS.concurrency, todo.length) }, worker));
  if (run.processed > 0) {
    await mkdir(storeDir, { recursive: true });
    await writeFileAtomic(path.join(storeDir, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  }
  return run;
}

/** Copies the variants of the given stored images into the built site's /images/. */
export async function publishImages(dataDir: string, clientDir: string, keys: Iterable<string>): Promise<number> {
  const manifest = await readManifest(dataDir);
  const byKey = new Map(Object.values(manifest).flatMap((record) => (record.status === 'ok' ? [[record.key, record] as const] : [])));
  let copied = 0;
  for (const key of new Set(keys)) {
    const record = byKey.get(key);
    if (!record) continue;
    await mkdir(path.join(clientDir, IMAGE_DIR, key), { recursive: true });
    for (const variant of record.variants) {
      await copyFile(path.join(dataDir, IMAGE_DIR, key, variant.file), path.join(clientDir, IMAGE_DIR, key, variant.file));
      copied += 1;
    }
  }
  return copied;
}
