import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import sirv from 'sirv';
import { LOCAL_API_META, LOCAL_PROJECT_ID } from '../../sanity/localApi.ts';
import { createDefaultStages } from '../pipeline/stages.ts';
import type { PipelineStages } from '../pipeline/run.ts';
import { handleApi } from './api.ts';
import { checkFeed } from './checkFeed.ts';
import { openLocalDataset, type LocalDataset } from './dataset.ts';

// `npm run studio`: the built studio (`sanity build` output) and a stand-in of
// Sanity's HTTP API on one loopback origin. The studio page is served with a
// meta tag naming that origin as its API host and a login token for it; the
// API answers only requests carrying that token.
//
// Loopback only: the server refuses to listen on anything but a loopback
// address, and refuses (403) any request whose peer is not a loopback address
// or whose Host header is not a loopback name (a web page that rebinds its own
// name to 127.0.0.1 sends its own name) and any write whose Origin is another
// site's.

const MAX_BODY_BYTES = 20 * 1024 * 1024;
const API_PATH = /^\/v(?:\d+|\d{4}-\d{2}-\d{2}|X)(\/.*)$/;
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export type StudioServerOptions = {
  /** The data folder holding `dataset.ndjson`. */
  dataDir: string;
  /** The `sanity build` output. */
  studioDir: string;
  host?: string;
  port?: number;
  /** Reports API routes the local API does not answer. */
  onUnknown?: (method: string, path: string) => void;
  /** The pipeline stages "Check feed" inspects with (default: production's). */
  stages?: PipelineStages;
  /** How often the dataset file is checked for writes by others (an ingest). */
  pollMs?: number;
};

export type StudioServer = { url: string; server: Server; dataset: LocalDataset; close(): Promise<void> };

export const isLoopbackAddress = (address: string | undefined): boolean => {
  if (!address) return false;
  try {
    const parsed = ipaddr.process(address);
    return parsed.range() === 'loopback';
  } catch {
    return false;
  }
};

/** `localhost` and its subdomains (browsers resolve them to loopback themselves), `127.x.y.z`, `[::1]`, with any port. */
export const isLoopbackHostHeader = (host: string | undefined): boolean => {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  if (LOOPBACK_NAMES.has(name.toLowerCase()) || name.toLowerCase().endsWith('.localhost')) return true;
  return isLoopbackAddress(name.replace(/^\[|\]$/g, ''));
};

/** An origin naming this server by another loopback name (same port). */
export function sameServerOrigin(origin: string, port: string): boolean {
  try {
    const parsed = new URL(origin);
    return parsed.protocol === 'http:' && parsed.port === port && isLoopbackHostHeader(parsed.host);
  } catch {
    return false;
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? null : JSON.parse(text);
}

/** The studio's page with the local API's origin and login token; Sanity's online bridge script is left out (offline). */
export function localStudioPage(html: string, origin: string, token: string): string {
  const login = JSON.stringify({ token, time: new Date().toISOString() });
  const head =
    `<meta name="${LOCAL_API_META}" content="${origin}"/>` +
    `<script>localStorage.setItem(${JSON.stringify(`__studio_auth_token_${LOCAL_PROJECT_ID}`)}, ${JSON.stringify(login)});` +
    // Loopback speaks HTTP/1.1, which the studio's network check would report as a slow connection to Sanity.
    `sessionStorage.setItem('sanity-studio.network.check.snooze', new Date().toISOString());</script>`;
  return html.replace(/<script[^>]*src="https:\/\/core\.sanity-cdn\.com\/[^"]*"[^>]*><\/script>/, '').replace('<head>', `<head>${head}`);
}

export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHostHeader(host)) throw new Error(`--host ${host}: the local studio listens on loopback only (127.0.0.1, ::1 or localhost)`);
  const indexFile = path.join(options.studioDir, 'index.html');
  const indexHtml = await readFile(indexFile, 'utf8').catch(() => {
    throw new Error(`${indexFile} is missing: build the studio first (npm run build --workspace=medclusters-studio)`);
  });
  const token = randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const dataset = openLocalDataset(options.dataDir, { pollMs: options.pollMs });
  const assets = sirv(options.studioDir, { dev: false, etag: true, immutable: true, single: false });
  const keyValues = new Map<string, unknown>();
  const stages = options.stages ?? createDefaultStages({ politeness: false });
  const onUnknown = options.onUnknown ?? ((method, route) => console.error(`local API: no route for ${method} ${route}`));

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const send = (status: number, json: unknown) => {
      if (response.headersSent) return;
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify(json));
    };
    if (!isLoopbackAddress(request.socket.remoteAddress) || !isLoopbackHostHeader(request.headers.host)) {
      response.writeHead(403, { 'content-type': 'text/plain' });
      return void response.end('The local studio answers loopback requests only.\n');
    }
    const origin = `http://${request.headers.host}`;
    const url = new URL(request.url ?? '/', origin);
    const api = API_PATH.exec(url.pathname);
    const method = request.method ?? 'GET';
    if (!api) {
      if (method !== 'GET' && method !== 'HEAD') return send(405, { error: { description: 'method not allowed' } });
      if (url.pathname.startsWith('/static/') || url.pathname === '/favicon.ico') return assets(request, response, () => send(404, { error: { description: 'not found' } }));
      // Every other path is a studio route (`/structure/inbox;…`): the page, which routes in the browser.
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void response.end(localStudioPage(indexHtml, origin, token));
    }
    // The studio's listeners come from its page on another loopback name of this server (sanity/localApi.ts); nothing else may call.
    const from = request.headers.origin;
    if (from !== undefined && from !== origin) {
      if (!sameServerOrigin(from, url.port)) return send(403, { error: { description: 'cross-origin requests are refused' } });
      response.setHeader('access-control-allow-origin', from);
      response.setHeader('vary', 'Origin');
      if (method === 'OPTIONS') {
        response.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
          'access-control-allow-headers': request.headers['access-control-request-headers'] ?? 'authorization, content-type',
          'access-control-max-age': '600',
        });
        return void response.end();
      }
    }
    // The protocol check pings without credentials; the answer says nothing.
    if (api[1] === '/ping' || api[1]!.startsWith('/data/ping/')) return send(200, 'PONG');
    const authorization = Buffer.from(request.headers.authorization ?? '');
    if (authorization.length !== expected.length || !timingSafeEqual(authorization, expected)) {
      return send(401, { error: { description: 'open the studio from the URL `npm run studio` printed', type: 'unauthorized' }, statusCode: 401 });
    }
    let body: unknown = null;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      try {
        body = await readBody(request);
      } catch (cause) {
        return send(400, { error: { description: `bad body: ${(cause as Error).message}` } });
      }
    }
    await handleApi({ dataset, projectId: LOCAL_PROJECT_ID, datasetName: 'production', body, keyValues, checkFeed: (url) => checkFeed(url, stages), onUnknown }, method, api[1]!, url, request, response, send);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((cause: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { description: (cause as Error).message } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    dataset,
    close: () =>
      new Promise((resolve) => {
        dataset.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
