// The one stage that talks to the network: GET a feed with conditional
// headers, follow redirects by hand (so every hop is checked and recorded),
// and read the body under a byte cap and a wall-clock limit. `file:` URLs are
// read from disk under the same cap, so a source can be a local file.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Dispatcher } from 'undici';
import type { FetchError, FetchRequest, FetchResult } from '../model.ts';
import { addressRange, checkedLookup, hostOf, isAddressLiteral, PUBLIC_RANGE, refuseAddress } from './address.ts';
import { classifyNetworkError, type FetchErrorCode } from './errors.ts';

/** Sent with every request: names the project and where to complain, as polite crawlers do. */
export const FEED_FETCHER_USER_AGENT =
  'medclusters-feed-fetcher/0.1 (+https://github.com/medclusters; regional health news aggregator)';

/** Undici's fetch decompresses all three; `zstd` is left out because few feed servers speak it. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, */*;q=0.8';

/** The part of a fetch Response this module reads; undici's and the global fetch both fit. */
export type FetchLikeResponse = {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  body: {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array }>;
      cancel(reason?: unknown): Promise<void>;
    };
  } | null;
};

export type FetchLikeInit = {
  method: 'GET';
  headers: Record<string, string>;
  redirect: 'manual';
  signal: AbortSignal;
  dispatcher?: Dispatcher;
};

export type FetchLike = (url: string, init: FetchLikeInit) => Promise<FetchLikeResponse>;

export type FetchOptions = {
  /** TCP (and TLS) connect limit per hop. */
  connectTimeoutMs: number;
  /** Wall clock for the whole request: every redirect hop and the full body. */
  totalTimeoutMs: number;
  /** Cap on the (decompressed) body, enforced while streaming. */
  maxBytes: number;
  /** Redirects followed; one more is `too_many_redirects`. */
  maxRedirects: number;
  userAgent: string;
  /**
   * Undici dispatcher to send through. When absent, one Agent is made for the
   * call (with the timeouts above and the address check on every connect) and
   * destroyed after it; a dispatcher given here is not checked.
   */
  dispatcher?: Dispatcher;
  /** Replaces undici's fetch (tests); it receives `redirect: 'manual'` and must honour `signal`. */
  fetch?: FetchLike;
};

export const DEFAULT_FETCH_OPTIONS: Readonly<FetchOptions> = Object.freeze({
  connectTimeoutMs: 20_000,
  totalTimeoutMs: 20_000,
  maxBytes: 15 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: FEED_FETCHER_USER_AGENT,
});

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A header value undici would refuse; a corrupted stored validator is dropped rather than failing the fetch. */
const SAFE_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

const failure = (code: FetchErrorCode, message: string, extra: Partial<FetchError> = {}): FetchResult => ({
  ok: false,
  error: { code, message, ...extra },
});

const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export async function fetchFeed(request: FetchRequest, options: Partial<FetchOptions> = {}): Promise<FetchResult> {
  const settings: FetchOptions = { ...DEFAULT_FETCH_OPTIONS, ...options };
  if (!URL.canParse(request.url)) return failure('bad_url', `${request.url}: not a valid absolute URL`);
  const url = new URL(request.url);
  if (url.protocol === 'file:') return readFileFeed(url, settings);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return failure('bad_url', `${request.url}: unsupported scheme ${url.protocol} (only http, https and file)`);
  }
  return fetchHttpFeed(url, request, settings);
}

async function fetchHttpFeed(start: URL, request: FetchRequest, settings: FetchOptions): Promise<FetchResult> {
  // Only public addresses, unless the configured address is itself on another
  // kind (a local test server, a feed on the intranet): the operator chose that
  // kind, and hops to it stay allowed; no hop reaches any other kind.
  const startHost = hostOf(start);
  const permitted = new Set<string>();
  const judge = (host: string, address: string) => {
    if (host === startHost) {
      const range = addressRange(address);
      if (range !== null && range !== PUBLIC_RANGE) permitted.add(range);
      return null;
    }
    return refuseAddress(host, address, permitted);
  };
  // An injected fetch gets the checking agent too, in `init.dispatcher`.
  const ownAgent =
    settings.dispatcher === undefined
      ? new Agent({
          connect: { timeout: settings.connectTimeoutMs, lookup: checkedLookup(judge) },
          headersTimeout: settings.totalTimeoutMs,
          bodyTimeout: settings.totalTimeoutMs,
        })
      : undefined;
  const dispatcher = settings.dispatcher ?? ownAgent;
  const doFetch: FetchLike = settings.fetch ?? (undiciFetch as unknown as FetchLike);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`total timeout of ${settings.totalTimeoutMs} ms`));
  }, settings.totalTimeoutMs);

  const headers: Record<string, string> = {
    'user-agent': settings.userAgent,
    accept: ACCEPT,
    'accept-encoding': ACCEPT_ENCODING,
  };
  if (request.etag && SAFE_HEADER_VALUE.test(request.etag)) headers['if-none-match'] = request.etag;
  if (request.lastModified && SAFE_HEADER_VALUE.test(request.lastModified)) headers['if-modified-since'] = request.lastModified;

  const visited: string[] = [start.href];
  const origin = start.href;
  // Name the feed as configured, and the hop that failed when it differs.
  const where = (current: string): string => (current === origin ? origin : `${origin} (at ${current})`);
  let current = start.href;

  try {
    for (;;) {
      const init: FetchLikeInit = { method: 'GET', headers, redirect: 'manual', signal: controller.signal };
      if (dispatcher !== undefined) init.dispatcher = dispatcher;
      // An address literal is connected to without a lookup: judged here.
      const host = hostOf(new URL(current));
      if (isAddressLiteral(host)) {
        const refusal = judge(host, host);
        if (refusal !== null) return failure(refusal.code, `${where(current)}: ${refusal.message}`);
      }
      const response = await doFetch(current, init);
      const status = response.status;

      if (REDIRECT_STATUSES.has(status)) {
        await discard(response);
        const location = response.headers.get('location');
        if (location === null || !URL.canParse(location, current)) {
          return failure('http_status', `${where(current)}: HTTP ${status} redirect without a usable Location`, { httpStatus: status });
        }
        const target = new URL(location, current);
        target.hash = '';
        if (target.protocol !== 'http:' && target.protocol !== 'https:') {
          return failure('bad_url', `${where(current)}: redirect to unsupported scheme ${target.protocol} (${target.href})`);
        }
        if (visited.includes(target.href)) {
          return failure('redirect_loop', `${origin}: redirect loop, ${current} leads back to ${target.href}`);
        }
        if (visited.length > settings.maxRedirects) {
          return failure('too_many_redirects', `${origin}: more than ${settings.maxRedirects} redirects (next: ${target.href})`);
        }
        visited.push(target.href);
        current = target.href;
        continue;
      }

      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');

      if (status === 304) {
        await discard(response);
        // Many servers omit the validators on a 304; the ones we sent still describe what we hold.
        return {
          ok: true,
          value: {
            status: 'not-modified',
            finalUrl: current,
            etag: etag ?? request.etag ?? null,
            lastModified: lastModified ?? request.lastModified ?? null,
            redirects: visited,
            cacheControl: response.headers.get('cache-control'),
          },
        };
      }

      if (status < 200 || status >= 300) {
        await discard(response);
        const label = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
        if (status === 429 || status === 503) {
          const retryAfter = response.headers.get('retry-after');
          const code = status === 429 ? 'rate_limited' : 'unavailable';
          const wait = retryAfter === null ? '' : ` (Retry-After: ${retryAfter})`;
          return failure(code, `${where(current)}: ${label}${wait}`, { retryAfter, httpStatus: status });
        }
        return failure('http_status', `${where(current)}: ${label}`, { httpStatus: status });
      }

      const declared = response.headers.get('content-length');
      const encoded = response.headers.get('content-encoding');
      // Content-Length counts the encoded bytes; when it alone is over the cap the decoded body is too.
      if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > settings.maxBytes) {
        controller.abort(new Error('declared body over the size cap'));
        await discard(response);
        return failure(
          'too_large',
          `${where(current)}: Content-Length ${formatBytes(Number(declared))}${encoded ? ` (${encoded})` : ''} is over the ${formatBytes(settings.maxBytes)} cap`,
        );
      }

      const body = await readCapped(response, settings.maxBytes);
      if (body === null) {
        controller.abort(new Error('body over the size cap'));
        return failure('too_large', `${where(current)}: body passed the ${formatBytes(settings.maxBytes)} cap while streaming`);
      }
      return {
        ok: true,
        value: {
          status: 'ok',
          finalUrl: current,
          body,
          contentType: response.headers.get('content-type'),
          etag,
          lastModified,
          contentLocation: response.headers.get('content-location'),
          contentLanguage: response.headers.get('content-language'),
          redirects: visited,
          cacheControl: response.headers.get('cache-control'),
        },
      };
    }
  } catch (error) {
    if (timedOut) return failure('timeout', `${where(current)}: no complete response within ${settings.totalTimeoutMs} ms`);
    const { code, reason } = classifyNetworkError(error);
    return failure(code, `${where(current)}: ${reason}`);
  } finally {
    clearTimeout(timer);
    // Also tears down any socket still open after a too-large or failed body.
    if (ownAgent !== undefined) await ownAgent.destroy().catch(() => undefined);
  }
}

/** Lets go of a body we will not read, so the connection is not left half-read. */
async function discard(response: FetchLikeResponse): Promise<void> {
  if (response.body === null) return;
  await response.body
    .getReader()
    .cancel()
    .catch(() => undefined);
}

/** The whole body, or null as soon as it passes `maxBytes` (the rest is never read). */
async function readCapped(response: FetchLikeResponse, maxBytes: number): Promise<Uint8Array | null> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value === undefined) continue;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return concat(chunks, total);
}

/** Always a fresh array: chunks may be views into larger pooled buffers that later stages must not see. */
function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

async function readFileFeed(url: URL, settings: FetchOptions): Promise<FetchResult> {
  const href = url.href;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch (error) {
    return failure('bad_url', `${href}: not a local file path (${(error as Error).message})`);
  }
  try {
    const info = await stat(path);
    if (info.isDirectory()) return failure('file_not_found', `${href}: is a folder, not a feed file (name a file in it)`);
    if (!info.isFile()) return failure('file_not_found', `${href}: not a regular file`);
    if (info.size > settings.maxBytes) {
      return failure('too_large', `${href}: file is ${formatBytes(info.size)}, over the ${formatBytes(settings.maxBytes)} cap`);
    }
    // The file may grow between stat and read; the cap holds while reading too.
    const chunks: Uint8Array[] = [];
    let total = 0;
    const stream = createReadStream(path);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > settings.maxBytes) {
        stream.destroy();
        return failure('too_large', `${href}: file passed the ${formatBytes(settings.maxBytes)} cap while reading`);
      }
      chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
    return {
      ok: true,
      value: { status: 'ok', finalUrl: href, body: concat(chunks, total), contentType: null, etag: null, lastModified: null, redirects: [href] },
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    return failure('file_not_found', `${href}: ${reason}`);
  }
}
