// A loopback HTTP server for tests that fetch feeds: a table of routes, each a
// few plain fields, and a log of what each request sent and whether its
// response was read to the end. Tests only; never used by the pipeline.
//
//   const server = await startFeedServer({
//     '/feed.xml': { body: xml, headers: { 'content-type': 'application/rss+xml' }, etag: '"v1"' },
//     '/old': { redirect: '/feed.xml', status: 301 },
//     '/slow': { neverRespond: true },
//   });
//   const result = await fetchFeed({ url: server.url('/feed.xml') }, { totalTimeoutMs: 300 });
//   server.requests[0].headers['user-agent'];
//   await server.close();
//
// The table is read at request time, so a test may change `server.routes`
// between requests (a feed that gains items between two ingests).

import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

export type FeedRoute = {
  /** Default 200, or 302 with `redirect`. */
  status?: number;
  /** Extra response headers (e.g. content-type, retry-after). */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Compress `body` and send Content-Encoding. */
  encoding?: 'gzip' | 'deflate' | 'br';
  /** Sent as ETag; a request whose If-None-Match holds it gets a 304. */
  etag?: string;
  /** Sent as Last-Modified; a request with an If-Modified-Since not older (and no If-None-Match) gets a 304. */
  lastModified?: string;
  /** Location to redirect to (relative or absolute). */
  redirect?: string;
  /** Wait before sending the status line. */
  delayMs?: number;
  /** Accept the request and never answer (the connection stays open until the client gives up). */
  neverRespond?: boolean;
  /** Send headers (with the full Content-Length) and this many body bytes, then stall. */
  stallAfterBytes?: number;
  /** Instead of `body`, stream this many filler bytes in 64 KiB chunks, honouring back-pressure. */
  streamBytes?: number;
  /** Declare this Content-Length whatever is sent; omit it to stream chunked. */
  contentLength?: number;
};

export type RecordedRequest = {
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Body bytes handed to the socket so far (kept up to date while streaming). */
  bytesSent: number;
  /** `finished` when the whole response was sent, `closed-early` when the client hung up first. */
  outcome: Promise<'finished' | 'closed-early'>;
};

export type FeedServer = {
  /** Absolute URL of a path on this server, e.g. `url('/feed.xml')`. */
  url: (path: string) => string;
  origin: string;
  routes: Record<string, FeedRoute>;
  /** Every request received, in arrival order. */
  requests: RecordedRequest[];
  /** Drops open connections (hanging ones too) and stops listening. */
  close: () => Promise<void>;
};

const FILLER = new Uint8Array(64 * 1024).fill(0x20);

function encode(body: Uint8Array, encoding: FeedRoute['encoding']): Uint8Array {
  switch (encoding) {
    case 'gzip':
      return gzipSync(body);
    case 'deflate':
      return deflateSync(body);
    case 'br':
      return brotliCompressSync(body);
    default:
      return body;
  }
}

function notModified(route: FeedRoute, headers: IncomingHttpHeaders): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (route.etag === undefined) return false;
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim());
    return tags.includes('*') || tags.includes(route.etag);
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined || route.lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(route.lastModified);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function writeTracked(res: ServerResponse, record: RecordedRequest, chunk: Uint8Array): boolean {
  record.bytesSent += chunk.byteLength;
  return res.write(chunk);
}

async function streamFiller(res: ServerResponse, record: RecordedRequest, total: number): Promise<void> {
  let left = total;
  while (left > 0 && !res.destroyed) {
    const chunk = left >= FILLER.byteLength ? FILLER : FILLER.subarray(0, left);
    left -= chunk.byteLength;
    if (!writeTracked(res, record, chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

async function respond(route: FeedRoute, headers: IncomingHttpHeaders, res: ServerResponse, record: RecordedRequest): Promise<void> {
  if (route.neverRespond) return;
  if (route.delayMs) await sleep(route.delayMs);
  if (res.destroyed) return;

  if (route.redirect !== undefined) {
    res.writeHead(route.status ?? 302, { location: route.redirect, ...route.headers });
    res.end();
    return;
  }

  const validators: Record<string, string> = {};
  if (route.etag !== undefined) validators.etag = route.etag;
  if (route.lastModified !== undefined) validators['last-modified'] = route.lastModified;
  if (notModified(route, headers)) {
    res.writeHead(304, validators);
    res.end();
    return;
  }

  const status = route.status ?? 200;
  const responseHeaders: Record<string, string | number> = { ...validators, ...route.headers };

  if (route.streamBytes !== undefined) {
    if (route.contentLength !== undefined) responseHeaders['content-length'] = route.contentLength;
    res.writeHead(status, responseHeaders);
    await streamFiller(res, record, route.streamBytes);
    return;
  }

  const raw = typeof route.body === 'string' ? new TextEncoder().encode(route.body) : (route.body ?? new Uint8Array(0));
  const payload = encode(raw, route.encoding);
  if (route.encoding !== undefined) responseHeaders['content-encoding'] = route.encoding;
  responseHeaders['content-length'] = route.contentLength ?? payload.byteLength;
  res.writeHead(status, responseHeaders);

  if (route.stallAfterBytes !== undefined) {
    // Flush the first bytes and hold the rest back: the client sees a body that stops mid-way.
    writeTracked(res, record, payload.subarray(0, route.stallAfterBytes));
    return;
  }
  writeTracked(res, record, payload);
  res.end();
}

/** Starts a server on 127.0.0.1 on a free port. */
export async function startFeedServer(routes: Record<string, FeedRoute>): Promise<FeedServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    let settle: (outcome: 'finished' | 'closed-early') => void = () => undefined;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      bytesSent: 0,
      outcome: new Promise((resolve) => (settle = resolve)),
    };
    requests.push(record);
    res.on('close', () => settle(res.writableFinished ? 'finished' : 'closed-early'));
    // Writes after the client hung up are expected here, not failures of the server.
    res.on('error', () => undefined);

    const route = feedServer.routes[path] ?? feedServer.routes[path.split('?')[0] ?? path];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`no route for ${path}`);
      return;
    }
    respond(route, req.headers, res, record).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const feedServer: FeedServer = {
    url: (path) => new URL(path, origin).href,
    origin,
    routes,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  return feedServer;
}
