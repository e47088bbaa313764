import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { evaluate, parse } from 'groq-js';
import { applyPerspective, draftId, publishedId, type Perspective } from '../lib/content/perspective.ts';
import type { LocalDataset, PlannedMutations } from './dataset.ts';
import { fail, ok, type Result } from '../pipeline/model.ts';
import { adaptQuery } from './groq.ts';
import { handleListen, queryParams } from './listen.ts';
import type { StudioDocument, StudioMutation } from './mutations.ts';

// The part of Sanity's HTTP API the studio calls (found by running it and
// recording its requests), answered from the local dataset. Anything else is
// a 404 reported to `onUnknown`, so a studio upgrade that needs more shows up
// in the tests rather than as a silent blank pane.

export const LOCAL_USER = {
  id: 'local-editor',
  name: 'Local editor',
  email: 'editor@localhost',
  profileImage: null,
  provider: 'local',
  role: 'administrator',
  roles: [{ name: 'administrator', title: 'Administrator', description: 'Everything on the local dataset' }],
};

const GRANTS = ['read', 'update', 'create', 'history', 'editHistory', 'manage'];

type Send = (status: number, json: unknown) => void;

export type ApiContext = {
  dataset: LocalDataset;
  projectId: string;
  datasetName: string;
  body: unknown;
  /** The studio's per-user settings (list layouts, sort orders), kept while the server runs. */
  keyValues: Map<string, unknown>;
  /** "Check feed": the feed inspection on a URL. */
  checkFeed: (url: unknown) => Promise<unknown>;
  onUnknown: (method: string, path: string) => void;
};

const error = (send: Send, status: number, description: string, type = 'validationError') => send(status, { error: { description, type }, statusCode: status });

async function runQuery(context: ApiContext, url: URL, send: Send): Promise<void> {
  let query: string | null = url.searchParams.get('query');
  let params: Record<string, unknown> = {};
  try {
    if (context.body !== null && typeof context.body === 'object') {
      const body = context.body as { query?: string; params?: Record<string, unknown> };
      query = body.query ?? query;
      params = body.params ?? {};
    } else {
      params = queryParams(url);
    }
  } catch (cause) {
    return error(send, 400, `bad parameter: ${(cause as Error).message}`);
  }
  if (!query) return error(send, 400, 'missing query');
  const requested = url.searchParams.get('perspective') ?? 'raw';
  const perspective: Perspective = requested === 'previewDrafts' || requested === 'drafts' ? 'drafts' : requested === 'published' ? 'published' : 'raw';
  const documents = await context.dataset.documents();
  if (!documents.ok) return error(send, 500, documents.error.message, 'serverError');
  const started = performance.now();
  try {
    const dataset = applyPerspective(documents.value.values(), perspective);
    const adapted = adaptQuery(query, params);
    const value = await evaluate(parse(adapted.query, { params: adapted.params }), { dataset, params: adapted.params });
    send(200, { query, result: await value.get(), ms: Math.round(performance.now() - started) });
  } catch (cause) {
    error(send, 400, (cause as Error).message, 'queryParseError');
  }
}

async function getDocuments(context: ApiContext, ids: string[], send: Send): Promise<void> {
  const documents = await context.dataset.documents();
  if (!documents.ok) return error(send, 500, documents.error.message, 'serverError');
  const found = ids.map((id) => documents.value.get(id)).filter((document) => document !== undefined);
  send(200, { documents: found, omitted: ids.filter((id) => !documents.value.has(id)).map((id) => ({ id, reason: 'existence' })) });
}

async function mutate(context: ApiContext, mutations: PlannedMutations, transactionId: string, url: URL, send: Send): Promise<void> {
  const done = await context.dataset.mutate(mutations, transactionId);
  if (!done.ok) {
    if (done.error.code === 'action_refused') return error(send, 409, done.error.message, 'actionError');
    const status = done.error.code === 'revision_mismatch' || done.error.code === 'document_exists' || done.error.code === 'document_missing' ? 409 : done.error.code.startsWith('dataset_') ? 503 : 400;
    return error(send, status, done.error.message, status === 409 ? 'mutationError' : 'validationError');
  }
  const returnDocuments = url.searchParams.get('returnDocuments') === 'true';
  send(200, {
    transactionId,
    results: done.value.changes.map((change) => ({
      id: change.id,
      operation: change.before === null ? 'create' : change.after === null ? 'delete' : 'update',
      ...(returnDocuments && change.after ? { document: change.after } : {}),
    })),
    ...(returnDocuments ? { documents: done.value.changes.flatMap((change) => (change.after ? [change.after] : [])) } : {}),
  });
}

type Action = Record<string, unknown> & { actionType?: string };

/**
 * Sanity's Actions API, the way the studio publishes, discards and deletes:
 * each action is turned into the mutations Sanity performs for it, and all of
 * them run as one transaction.
 */
export function actionsToMutations(documents: ReadonlyMap<string, StudioDocument>, actions: readonly Action[]): Result<StudioMutation[]> {
  const refused = (reason: string) => fail('action_refused', reason);
  const mutations: StudioMutation[] = [];
  for (const action of actions) {
    const type = action.actionType;
    if (type === 'sanity.action.document.publish') {
      const draft = documents.get(String(action.draftId));
      if (!draft) return refused(`publish: no draft ${String(action.draftId)}`);
      if (typeof action.ifDraftRevisionId === 'string' && action.ifDraftRevisionId !== draft._rev) return refused(`publish: draft ${draft._id} changed meanwhile`);
      const current = documents.get(String(action.publishedId));
      if (typeof action.ifPublishedRevisionId === 'string' && current && action.ifPublishedRevisionId !== current._rev) return refused(`publish: ${current._id} changed meanwhile`);
      const { _rev: _ignored, ...content } = draft;
      mutations.push({ createOrReplace: { ...content, _id: String(action.publishedId) } }, { delete: { id: draft._id } });
    } else if (type === 'sanity.action.document.edit') {
      // Editing starts the draft from the published document when there is none yet.
      const published = documents.get(String(action.publishedId));
      if (published) {
        const { _rev: _ignored, ...content } = published;
        mutations.push({ createIfNotExists: { ...content, _id: String(action.draftId) } });
      }
      mutations.push({ patch: { ...(action.patch as object), id: String(action.draftId) } });
    } else if (type === 'sanity.action.document.create' || type === 'sanity.action.document.version.create') {
      const attributes = (action.attributes ?? action.document) as Record<string, unknown>;
      const id = String(action.draftId ?? attributes._id);
      mutations.push({ [action.ifExists === 'ignore' ? 'createIfNotExists' : 'create']: { ...attributes, _id: id } });
    } else if (type === 'sanity.action.document.discard' || type === 'sanity.action.document.version.discard') {
      mutations.push({ delete: { id: String(action.draftId ?? action.versionId) } });
    } else if (type === 'sanity.action.document.unpublish') {
      const published = documents.get(String(action.publishedId));
      if (!published) return refused(`unpublish: no document ${String(action.publishedId)}`);
      const { _rev: _ignored, ...content } = published;
      mutations.push({ createIfNotExists: { ...content, _id: String(action.draftId) } }, { delete: { id: published._id } });
    } else if (type === 'sanity.action.document.delete') {
      const published = String(action.publishedId);
      for (const id of [published, draftId(published), ...((action.includeDrafts as string[] | undefined) ?? [])]) {
        if (documents.has(id)) mutations.push({ delete: { id } });
      }
    } else if (type === 'sanity.action.document.replaceDraft') {
      const attributes = action.attributes as Record<string, unknown>;
      mutations.push({ createOrReplace: { ...attributes, _id: draftId(publishedId(String(action.draftId ?? action.publishedId))) } });
    } else {
      return refused(`unsupported action ${String(type)}`);
    }
  }
  return ok(mutations);
}

const PROJECT = (projectId: string, datasetName: string) => ({
  id: projectId,
  displayName: 'medclusters (local dataset)',
  studioHost: null,
  isBlocked: false,
  isDisabled: false,
  isDisabledByUser: false,
  metadata: { color: '#2276fc', externalStudioHost: null },
  organizationId: null,
  members: [{ id: LOCAL_USER.id, role: 'administrator', roles: LOCAL_USER.roles, isRobot: false, isCurrentUser: true, createdAt: '2026-01-01T00:00:00Z' }],
  features: [],
  datasetTags: [],
  datasets: [{ name: datasetName, aclMode: 'private' }],
  createdAt: '2026-01-01T00:00:00Z',
});

/** Answers one API request (the path without its `/vX` prefix); false when the route is not one of Sanity's the local API knows. */
export async function handleApi(context: ApiContext, method: string, route: string, url: URL, request: IncomingMessage, response: ServerResponse, send: Send): Promise<void> {
  const { projectId, datasetName } = context;
  const get = method === 'GET' || method === 'HEAD';
  if (get && route === '/users/me') return send(200, LOCAL_USER);
  if (get && route === '/auth/id') return send(200, { id: 'local-session' });
  if (method === 'POST' && route === '/auth/logout') return send(200, {});
  if (get && (route === '/help' || route.startsWith('/journey/'))) return send(200, {});
  if (get && route === '/features') return send(200, []);
  if (get && route === '/intake/telemetry-status') return send(200, { status: 'denied' });
  const keyValue = /^\/users\/me\/keyvalue(?:\/(.+))?$/.exec(route);
  if (keyValue && get) {
    const keys = decodeURIComponent(keyValue[1] ?? '').split(',').filter(Boolean);
    return send(200, keys.map((key) => ({ key, value: context.keyValues.get(key) ?? null })));
  }
  if (keyValue && (method === 'PUT' || method === 'PATCH' || method === 'POST')) {
    const entries = Array.isArray(context.body) ? (context.body as { key: string; value: unknown }[]) : [];
    for (const entry of entries) if (typeof entry?.key === 'string') context.keyValues.set(entry.key, entry.value);
    return send(200, entries);
  }
  // Not Sanity's: the project's own endpoint behind the studio's "Check feed" action.
  if (method === 'POST' && route === '/medclusters/check-feed') return send(200, await context.checkFeed((context.body as { url?: unknown } | null)?.url));
  if (get && /^\/projects\/[\w-]+$/.test(route)) return send(200, PROJECT(projectId, datasetName));
  if (get && /^\/projects\/[\w-]+\/user-applications$/.test(route)) return send(200, []);
  if (get && /^\/projects\/[\w-]+\/datasets$/.test(route)) return send(200, [{ name: datasetName, aclMode: 'private', tags: [] }]);
  if (get && /^\/projects\/[\w-]+\/users\/[\w,-]+$/.test(route)) return send(200, [LOCAL_USER]);
  if (get && /^\/projects\/[\w-]+\/features(\/.*)?$/.test(route)) return send(200, route.endsWith('/features') ? [] : false);
  // One editor who may do everything to every document (drafts included): the local API has no roles.
  if (get && /^\/projects\/[\w-]+\/datasets\/[\w-]+\/acl$/.test(route)) return send(200, [{ filter: '_id in path("**")', permissions: GRANTS }]);
  if (get && route.startsWith('/access/requests')) return send(200, []);
  if (get && /^\/projects\/[\w-]+\/grants$/.test(route)) {
    // Everything on every document: one editor, no roles to tell apart.
    const grants = GRANTS.map((permission) => ({ filter: '_id in path("**")', permissions: [permission] }));
    return send(200, { 'sanity.document.filter.mode': [{ grants }], 'sanity.project': [{ grants: [] }] });
  }
  const data = /^\/data\/(query|mutate|doc|listen|actions|history)\/([\w-]+)(\/.*)?$/.exec(route);
  if (data) {
    const [, kind, , rest = ''] = data;
    if (kind === 'query' && (get || method === 'POST')) return runQuery(context, url, send);
    if (kind === 'doc' && get) return getDocuments(context, decodeURIComponent(rest.slice(1)).split(',').filter(Boolean), send);
    if (kind === 'listen' && get) return handleListen(context.dataset, url, request, response);
    if (kind === 'mutate' && method === 'POST') {
      const body = context.body as { mutations?: unknown; transactionId?: unknown } | null;
      if (!Array.isArray(body?.mutations)) return error(send, 400, 'the body needs mutations[]');
      const transactionId = typeof body.transactionId === 'string' && body.transactionId !== '' ? body.transactionId : randomUUID();
      return mutate(context, body.mutations as StudioMutation[], transactionId, url, send);
    }
    if (kind === 'actions' && method === 'POST') {
      const body = context.body as { actions?: unknown; transactionId?: unknown } | null;
      const actions = Array.isArray(body?.actions) ? (body.actions as Action[]) : body?.actions ? [body.actions as Action] : null;
      if (actions === null) return error(send, 400, 'the body needs actions[]');
      const transactionId = typeof body?.transactionId === 'string' && body.transactionId !== '' ? body.transactionId : randomUUID();
      return mutate(context, (documents) => actionsToMutations(documents, actions), transactionId, url, send);
    }
    if (kind === 'history' && get) {
      // No history is kept locally: the document's revisions are not stored.
      if (rest.startsWith('/transactions/')) {
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        return void response.end('');
      }
      if (rest.startsWith('/events/')) return send(200, { events: {}, nextCursor: null });
      return send(200, { documents: [] });
    }
  }
  context.onUnknown(method, route);
  return error(send, 404, `the local API has no ${method} ${route}`, 'notFound');
}
