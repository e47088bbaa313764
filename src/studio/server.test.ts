import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore } from '../pipeline/store/local.ts';
import { parseDataset } from '../pipeline/store/ndjson.ts';
import { DRAFTS_FILE } from './dataset.ts';
import { isLoopbackHostHeader, startStudioServer, type StudioServer } from './server.ts';

// The local API over real HTTP on 127.0.0.1, with a stand-in studio page (the
// browser tests in tests/studio/ use the real build).

const DOCUMENTS = [
  { _id: 'item-a', _type: 'newsItem', title: 'A', reviewStatus: 'new' },
  { _id: 'item-b', _type: 'newsItem', title: 'B', reviewStatus: 'new' },
  { _id: 'source-x', _type: 'source', name: { ru: 'X' }, feedUrl: 'https://example.org/feed' },
];

let dataDir: string;
let studioDir: string;
let studio: StudioServer;
let token: string;

type Answer = { status: number; body: string; headers: Record<string, string | string[] | undefined> };

function call(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: unknown; auth?: boolean } = {}): Promise<Answer> {
  const url = new URL(pathname, studio.url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        headers: { ...(options.auth === false ? {} : { authorization: `Bearer ${token}` }), ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const storedDocuments = async () => {
  const parsed = parseDataset(await readFile(path.join(dataDir, 'dataset.ndjson'), 'utf8'), 'dataset');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-studio-api-'));
  studioDir = path.join(dataDir, 'studio');
  await mkdir(studioDir);
  await writeFile(path.join(studioDir, 'index.html'), '<!DOCTYPE html><html><head><script src="https://core.sanity-cdn.com/bridge.js" async type="module" data-sanity-core></script></head><body></body></html>');
  await writeFile(path.join(dataDir, 'dataset.ndjson'), DOCUMENTS.map((document) => JSON.stringify(document)).join('\n') + '\n');
  studio = await startStudioServer({ dataDir, studioDir, pollMs: 100, onUnknown: () => undefined });
  const page = await call('/structure/inbox', { auth: false });
  token = /"token":"([^"]+)"/.exec(page.body.replace(/\\"/g, '"'))![1]!;
});

afterAll(async () => {
  await studio.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the local studio server', () => {
  it('serves the studio page for every studio route, with its API host and login, without the online bridge', async () => {
    const page = await call('/structure/inbox;item-a', { auth: false });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="medclusters-local-api" content="${studio.url}"/>`);
    expect(page.body).toContain('__studio_auth_token_local');
    expect(page.body).not.toContain('core.sanity-cdn.com');
  });

  it.each([
    { name: 'a Host header that is not a loopback name (DNS rebinding)', path: '/structure', headers: { host: 'studio.example.com' }, status: 403 },
    { name: 'an API call without the login token', path: '/v2025-02-19/users/me', auth: false, status: 401 },
    { name: 'an API call with another token', path: '/v2025-02-19/users/me', auth: false, headers: { authorization: 'Bearer guessed' }, status: 401 },
    { name: 'a write from another site', path: '/v2025-02-19/data/mutate/production', headers: { origin: 'https://evil.example' }, body: { mutations: [] }, status: 403 },
    { name: 'a write from a loopback page on another port', path: '/v2025-02-19/data/mutate/production', headers: { origin: 'http://127.0.0.1:1' }, body: { mutations: [] }, status: 403 },
  ])('refuses $name', async ({ path: target, headers, auth, body, status }) => {
    expect((await call(target, { headers: headers as Record<string, string> | undefined, auth, body })).status).toBe(status);
  });

  it('refuses to listen anywhere but loopback', async () => {
    await expect(startStudioServer({ dataDir, studioDir, host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
    expect([isLoopbackHostHeader('127.0.0.1:3333'), isLoopbackHostHeader('listen3.localhost:3333'), isLoopbackHostHeader('[::1]:3333'), isLoopbackHostHeader('10.0.0.1:3333')]).toEqual([true, true, true, false]);
  });

  it('answers the current user, the grants and GROQ over published documents and drafts', async () => {
    expect(JSON.parse((await call('/v2025-02-19/users/me')).body).id).toBe('local-editor');
    const acl = JSON.parse((await call('/v2021-06-07/projects/local/datasets/production/acl')).body);
    expect(acl[0].permissions).toContain('update');
    const query = encodeURIComponent('*[_type == "newsItem"] | order(_id) { _id, title, _rev }');
    const result = JSON.parse((await call(`/v2025-02-19/data/query/production?query=${query}`)).body).result;
    expect(result.map((document: { _id: string }) => document._id)).toEqual(['item-a', 'item-b']);
    expect(typeof result[0]._rev).toBe('string');
  });

  it('keeps drafts out of the dataset and publishes them into it', async () => {
    const edit = await call('/v2025-02-19/data/actions/production', {
      body: { transactionId: 'tx-edit', actions: [{ actionType: 'sanity.action.document.edit', draftId: 'drafts.item-a', publishedId: 'item-a', patch: { set: { reviewStatus: 'approved' } } }] },
    });
    expect(edit.status).toBe(200);
    expect((await storedDocuments()).get('item-a')?.reviewStatus).toBe('new');
    expect(await readFile(path.join(dataDir, DRAFTS_FILE), 'utf8')).toContain('"_id":"drafts.item-a"');
    const publish = await call('/v2025-02-19/data/actions/production', {
      body: { transactionId: 'tx-publish', actions: [{ actionType: 'sanity.action.document.publish', draftId: 'drafts.item-a', publishedId: 'item-a' }] },
    });
    expect(publish.status).toBe(200);
    const stored = (await storedDocuments()).get('item-a')!;
    expect([stored.reviewStatus, stored.title, stored._rev]).toEqual(['approved', 'A', undefined]);
    expect(await readFile(path.join(dataDir, DRAFTS_FILE), 'utf8')).toBe('');
    // Read back from the file by the next polls, the published document keeps the publish's revision.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const query = encodeURIComponent('*[_id == "item-a"][0]._rev');
    expect(JSON.parse((await call(`/v2025-02-19/data/query/production?query=${query}`)).body).result).toBe('tx-publish');
  });

  it('publishes a draft started before an ingest without undoing the ingest\'s machine fields', async () => {
    const action = (actions: unknown[]) => call('/v2025-02-19/data/actions/production', { body: { actions } });
    await action([{ actionType: 'sanity.action.document.edit', draftId: 'drafts.item-b', publishedId: 'item-b', patch: { set: { reviewStatus: 'rejected', rejectionReason: 'advertising' } } }]);
    expect((await openLocalStore(dataDir).commit([{ patch: { id: 'item-b', set: { title: 'B, corrected upstream' } } }])).ok).toBe(true);
    expect((await action([{ actionType: 'sanity.action.document.publish', draftId: 'drafts.item-b', publishedId: 'item-b' }])).status).toBe(200);
    const stored = (await storedDocuments()).get('item-b')!;
    expect([stored.title, stored.reviewStatus, stored.rejectionReason]).toEqual(['B, corrected upstream', 'rejected', 'advertising']);
  });

  it('publishes the draft as it is when the publish runs: an edit sent just before is part of it', async () => {
    const action = (transactionId: string, actions: unknown[]) => call('/v2025-02-19/data/actions/production', { body: { transactionId, actions } });
    await action('tx-start', [{ actionType: 'sanity.action.document.edit', draftId: 'drafts.item-a', publishedId: 'item-a', patch: { set: { reviewStatus: 'new' } } }]);
    // Sent one after the other without waiting, as a studio does when an editor types and publishes at once.
    const edits = Array.from({ length: 5 }, (_, index) =>
      action(`tx-edit-${index}`, [{ actionType: 'sanity.action.document.edit', draftId: 'drafts.item-a', publishedId: 'item-a', patch: { set: { [`note${index}`]: index } } }]),
    );
    const publish = action('tx-publish-late', [{ actionType: 'sanity.action.document.publish', draftId: 'drafts.item-a', publishedId: 'item-a' }]);
    expect((await Promise.all([...edits, publish])).map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const stored = (await storedDocuments()).get('item-a')!;
    expect([0, 1, 2, 3, 4].map((index) => stored[`note${index}`])).toEqual([0, 1, 2, 3, 4]);
    expect(await readFile(path.join(dataDir, DRAFTS_FILE), 'utf8')).toBe('');
  });

  it('never loses an ingest\'s write nor the editor\'s: both go through the store\'s lock', async () => {
    const store = openLocalStore(dataDir);
    const writes = Array.from({ length: 8 }, (_, index) =>
      index % 2 === 0
        ? store.commit([{ patch: { id: 'item-b', set: { [`machine${index}`]: index } } }])
        : call('/v2025-02-19/data/mutate/production', { body: { transactionId: `tx-${index}`, mutations: [{ patch: { id: 'item-b', set: { [`editor${index}`]: index } } }] } }),
    );
    await Promise.all(writes);
    const stored = (await storedDocuments()).get('item-b')!;
    for (let index = 0; index < 8; index++) expect(stored[index % 2 === 0 ? `machine${index}` : `editor${index}`]).toBe(index);
  });

  it('reports an ingest\'s write to an open listener, with the whole document as its effect', async () => {
    const url = new URL(`/v2025-02-19/data/listen/production?query=${encodeURIComponent('*[_id in $ids]')}&$ids=${encodeURIComponent('["source-x"]')}`, studio.url);
    const events: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const listening = request(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          events.push(chunk);
          if (events.join('').includes('event: welcome') && events.length === 1) {
            void openLocalStore(dataDir).commit([{ patch: { id: 'source-x', set: { lastError: { code: 'dns', message: 'no such host', at: '2026-12-01T00:00:00Z' } } } }]);
          }
          if (events.join('').includes('event: mutation')) {
            listening.destroy();
            resolve();
          }
        });
      });
      listening.on('error', (error) => (events.join('').includes('event: mutation') ? resolve() : reject(error)));
      listening.end();
    });
    await done;
    const mutation = JSON.parse(/event: mutation\ndata: (.*)\n/.exec(events.join(''))![1]!);
    expect(mutation.documentId).toBe('source-x');
    expect(mutation.transition).toBe('update');
    expect(mutation.effects.apply[0]).toBe(0);
    expect(mutation.effects.apply[1].lastError.code).toBe('dns');
    expect(mutation.previousRev).not.toBe(mutation.resultRev);
  });

  it('checks a feed for "Check feed": format, encoding, items; only http(s)', async () => {
    const xml = await readFile(path.resolve(import.meta.dirname, '../../content/demo/feeds/demo-lnr-health.xml'));
    const feeds = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(xml);
    });
    await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/rss.xml`;
      const checked = JSON.parse((await call('/v2025-02-19/medclusters/check-feed', { body: { url } })).body);
      expect([checked.ok, checked.error, checked.format, checked.encoding]).toEqual([true, null, 'rss2', 'utf-8']);
      expect(checked.items).toBeGreaterThan(0);
      expect(checked.firstItems[0].title).toEqual(expect.any(String));
      const refused = JSON.parse((await call('/v2025-02-19/medclusters/check-feed', { body: { url: 'file:/etc/passwd' } })).body);
      expect([refused.ok, refused.error.code]).toEqual([false, 'bad_url']);
    } finally {
      feeds.close();
    }
  });
});
