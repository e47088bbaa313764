import type { IncomingMessage, ServerResponse } from 'node:http';
import { evaluate, parse, type ExprNode } from 'groq-js';
import type { DatasetChange, LocalDataset } from './dataset.ts';
import type { StudioDocument } from './mutations.ts';

// Sanity's listener (`GET /vX/data/listen/:dataset?query=…`) as server-sent
// events: `welcome` once, then one `mutation` event per document a
// transaction changed that matches the query before or after. The studio
// applies the event's mendoza `effects` to its copy; a patch that is the whole
// new document (`[0, value]`, mendoza's "value" operation) is always correct,
// just not the smallest.

const KEEPALIVE_MS = 25_000;

type Transition = 'appear' | 'update' | 'disappear';

async function matches(tree: ExprNode, document: StudioDocument | null, params: Record<string, unknown>): Promise<boolean> {
  if (document === null) return false;
  const value = await (await evaluate(tree, { dataset: [document], params })).get();
  return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
}

const withoutRev = (document: StudioDocument | null): Record<string, unknown> | null => {
  if (document === null) return null;
  const { _rev: _ignored, ...rest } = document;
  return rest;
};

/** The mutation event for one changed document, as Sanity sends it; null when the query sees neither side. */
export async function mutationEvent(
  change: DatasetChange,
  index: number,
  tree: ExprNode,
  params: Record<string, unknown>,
  options: { includeResult: boolean; includePrevious: boolean },
): Promise<Record<string, unknown> | null> {
  const { id, before, after } = change.changes[index]!;
  const was = await matches(tree, before, params);
  const is = await matches(tree, after, params);
  if (!was && !is) return null;
  const transition: Transition = was && is ? 'update' : is ? 'appear' : 'disappear';
  const own = change.mutations.filter((mutation) => {
    const value = Object.values(mutation)[0] as { _id?: unknown; id?: unknown } | undefined;
    return (value?._id ?? value?.id) === id;
  });
  return {
    eventId: `${change.transactionId}#${id}`,
    documentId: id,
    transactionId: change.transactionId,
    transition,
    identity: 'local-editor',
    mutations: own,
    previousRev: before?._rev,
    resultRev: after?._rev ?? change.transactionId,
    timestamp: change.timestamp,
    visibility: 'query',
    effects: { apply: [0, withoutRev(after)], revert: [0, withoutRev(before)] },
    transactionTotalEvents: change.changes.length,
    transactionCurrentEvent: index + 1,
    ...(options.includeResult && after !== null ? { result: after } : {}),
    ...(options.includePrevious && before !== null ? { previous: before } : {}),
  };
}

/** Parameters of a query string: `$name=<JSON>`. */
export function queryParams(url: URL): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value);
  return params;
}

export function handleListen(dataset: LocalDataset, url: URL, request: IncomingMessage, response: ServerResponse): void {
  const query = url.searchParams.get('query');
  let tree: ExprNode;
  let params: Record<string, unknown>;
  try {
    if (!query) throw new Error('missing query');
    params = queryParams(url);
    tree = parse(query, { params });
  } catch (error) {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { description: (error as Error).message, type: 'queryParseError' } }));
    return;
  }
  const options = { includeResult: url.searchParams.get('includeResult') !== 'false', includePrevious: url.searchParams.get('includePreviousRevision') === 'true' };
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send('welcome', { listenerName: `local-${Date.now().toString(36)}` });
  // Events of one connection go out in the order of the transactions.
  let pending: Promise<void> = Promise.resolve();
  const unsubscribe = dataset.subscribe((change) => {
    pending = pending.then(async () => {
      for (let index = 0; index < change.changes.length; index++) {
        const event = await mutationEvent(change, index, tree, params, options).catch(() => null);
        if (event !== null && !response.destroyed) send('mutation', event);
      }
    });
  });
  const keepalive = setInterval(() => response.write(':\n\n'), KEEPALIVE_MS);
  const stop = () => {
    clearInterval(keepalive);
    unsubscribe();
  };
  request.on('close', stop);
  response.on('close', stop);
}
