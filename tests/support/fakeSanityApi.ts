// A loopback stand-in for Sanity's HTTP data API, enough of it to run real
// clients against (`@sanity/client`, `@sanity/import`): POST /vX/data/mutate/:dataset
// applies create / createIfNotExists / createOrReplace / patch (set, unset) /
// delete (by id or by query) atomically per request; GET/POST /vX/data/query/:dataset answers GROQ
// with groq-js over the documents, honouring `perspective` (published hides
// `drafts.*`, drafts overlays them, raw shows all; published is the default as
// for API versions from 2025-02-19). Every request is recorded so tests can
// assert its shape, and `failNext` makes the next requests fail (429, 503…) to
// exercise retries. With `systemFields`, writes stamp `_createdAt`, `_updatedAt`
// and `_rev` as Sanity does (queries that test `_updatedAt` need them). Tests only.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { evaluate, parse } from 'groq-js';
import { applyPerspective, type Perspective } from '../../src/lib/content/perspective.ts';

type Document = Record<string, unknown> & { _id: string; _type: string };
export type RecordedRequest = {
  method: string;
  path: string;
  body: unknown;
  /** The URL's search parameters (`query`, `$name`, `perspective`, …). */
  search: Record<string, string>;
  authorization: string | null;
};

export type FakeSanityApi = {
  origin: string;
  documents: Map<string, Document>;
  requests: RecordedRequest[];
  /** The next `times` requests answer `status` without doing anything; a 429 carries `retry-after: <retryAfter>` (default `0`). */
  failNext(status: number, times?: number, retryAfter?: string): void;
  close(): Promise<void>;
};

/** Splits `a.b[_key=="k"][0].c` into steps. */
function pathSteps(path: string): (string | number | { key: string })[] {
  const steps: (string | number | { key: string })[] = [];
  const pattern = /([^.[\]]+)|\[_key=="([^"]+)"\]|\[(\d+)\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push({ key: match[2] });
    else steps.push(Number(match[3]));
  }
  return steps;
}

function unsetPath(target: unknown, path: string): void {
  const steps = pathSteps(path);
  let node: unknown = target;
  for (let index = 0; index < steps.length - 1; index++) {
    const step = steps[index]!;
    if (node === null || typeof node !== 'object') return;
    node = typeof step === 'object' ? (node as { _key?: string }[]).find?.((entry) => entry?._key === step.key) : (node as Record<string | number, unknown>)[step];
  }
  const last = steps.at(-1);
  if (node !== null && typeof node === 'object' && (typeof last === 'string' || typeof last === 'number')) delete (node as Record<string | number, unknown>)[last];
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : null;
}

const PERSPECTIVES = new Set(['raw', 'published', 'drafts', 'previewDrafts']);

/** GET: `?query=…&$name=<JSON>&perspective=…`; POST: body `{query, params}`, perspective still in the URL. */
async function answerQuery(
  url: URL,
  body: unknown,
  documents: Map<string, Document>,
  send: (status: number, json: unknown) => void,
): Promise<void> {
  let query: string | null;
  let params: Record<string, unknown> = {};
  try {
    if (body !== null) {
      ({ query = null, params = {} } = body as { query?: string; params?: Record<string, unknown> });
    } else {
      query = url.searchParams.get('query');
      for (const [key, value] of url.searchParams) if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value);
    }
  } catch (error) {
    return send(400, { error: { description: `bad parameter: ${(error as Error).message}` } });
  }
  if (typeof query !== 'string') return send(400, { error: { description: 'missing query' } });
  const requested = url.searchParams.get('perspective') ?? 'published';
  if (!PERSPECTIVES.has(requested)) return send(400, { error: { description: `unsupported perspective ${requested}` } });
  const perspective: Perspective = requested === 'previewDrafts' ? 'drafts' : (requested as Perspective);
  const started = performance.now();
  try {
    const dataset = applyPerspective(documents.values(), perspective);
    const value = await evaluate(parse(query, { params }), { dataset, params });
    send(200, { query, result: await value.get(), ms: Math.round(performance.now() - started) });
  } catch (error) {
    send(400, { error: { description: (error as Error).message, type: 'queryParseError' } });
  }
}

export type FakeSanityApiOptions = {
  /** Stamp `_createdAt`/`_updatedAt`/`_rev` on every write, as Sanity does. */
  systemFields?: boolean;
  /** The time writes are stamped with (default now). */
  now?: () => Date;
};

export async function startFakeSanityApi(options: FakeSanityApiOptions = {}): Promise<FakeSanityApi> {
  const documents = new Map<string, Document>();
  const requests: RecordedRequest[] = [];
  const failures: { status: number; retryAfter: string }[] = [];
  const stamp = (document: Document, created: boolean, transactionId: string): void => {
    if (!options.systemFields) return;
    const at = (options.now?.() ?? new Date()).toISOString();
    if (created || typeof document._createdAt !== 'string') document._createdAt = at;
    document._updatedAt = at;
    document._rev = transactionId;
  };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = request.method === 'POST' ? await readBody(request) : null;
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      body,
      search: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization ?? null,
    });
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(json));
    };
    const failure = failures.shift();
    if (failure !== undefined) {
      return send(failure.status, { error: { description: `injected ${failure.status}` } }, failure.status === 429 ? { 'retry-after': failure.retryAfter } : {});
    }
    if (/^\/v[\d-]+\/data\/query\/[\w-]+$/.test(url.pathname) && (request.method === 'GET' || request.method === 'POST')) {
      return answerQuery(url, body, documents, send);
    }
    if (!/^\/v[\d-]+\/data\/mutate\/[\w-]+$/.test(url.pathname) || request.method !== 'POST') {
      return send(404, { error: { description: `no route ${request.method} ${url.pathname}` } });
    }
    const mutations = (body as { mutations?: Record<string, any>[] } | null)?.mutations;
    if (!Array.isArray(mutations)) return send(400, { error: { description: 'body needs mutations[]' } });
    // Atomic: work on a copy, swap it in only when every mutation applied.
    const next = new Map([...documents].map(([id, document]) => [id, structuredClone(document)]));
    const results: { id: string; operation: string }[] = [];
    const transactionId = `tx-${requests.length}`;
    for (const mutation of mutations) {
      const [kind, value] = Object.entries(mutation)[0] ?? [];
      if (kind === 'create' || kind === 'createIfNotExists' || kind === 'createOrReplace') {
        const document = value as Document;
        if (typeof document._id !== 'string' || typeof document._type !== 'string') return send(400, { error: { description: `${kind} needs _id and _type` } });
        if (kind === 'create' && next.has(document._id)) return send(409, { error: { description: `document ${document._id} exists` } });
        if (kind !== 'createIfNotExists' || !next.has(document._id)) {
          const created = structuredClone(document);
          stamp(created, true, transactionId);
          next.set(document._id, created);
        }
        results.push({ id: document._id, operation: 'create' });
      } else if (kind === 'patch') {
        const { id, set, unset } = value as { id: string; set?: Record<string, unknown>; unset?: string[] };
        const current = next.get(id);
        if (!current) return send(409, { error: { description: `patch on missing document ${id}` } });
        Object.assign(current, structuredClone(set ?? {}));
        for (const path of unset ?? []) unsetPath(current, path);
        stamp(current, false, transactionId);
        results.push({ id, operation: 'update' });
      } else if (kind === 'delete') {
        const { id, query, params } = value as { id?: string; query?: string; params?: Record<string, unknown> };
        let ids: string[] = typeof id === 'string' ? [id] : [];
        if (typeof query === 'string') {
          try {
            const matched = await (await evaluate(parse(query, { params: params ?? {} }), { dataset: [...next.values()], params: params ?? {} })).get();
            ids = (Array.isArray(matched) ? matched : [matched]).flatMap((entry: unknown) => (typeof (entry as Document)?._id === 'string' ? [(entry as Document)._id] : []));
          } catch (error) {
            return send(400, { error: { description: (error as Error).message, type: 'queryParseError' } });
          }
        }
        for (const target of ids) {
          next.delete(target);
          results.push({ id: target, operation: 'delete' });
        }
      } else {
        return send(400, { error: { description: `unsupported mutation ${kind}` } });
      }
    }
    documents.clear();
    for (const [id, document] of next) documents.set(id, document);
    send(200, { transactionId, results });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    documents,
    requests,
    failNext: (status, times = 1, retryAfter = '0') => {
      for (let index = 0; index < times; index++) failures.push({ status, retryAfter });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
