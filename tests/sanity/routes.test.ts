// The on-demand routes over HTTP, on the built site (the site tests' one build,
// tests/site/helpers) served by the real standalone server on 127.0.0.1: the
// draft preview, against the local dataset and against Sanity (the loopback
// stand-in, with a secret the studio's way creates), and the rebuild webhook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@sanity/client';
import { createPreviewSecret } from '@sanity/preview-url-secret/create-secret';
import { SIGNATURE_HEADER_NAME, encodeSignatureHeader } from '@sanity/webhook';
import { serveSite, type RunningServer } from '../../src/service/serve.ts';
import type { DatasetDocument } from '../../src/pipeline/store/documents.ts';
import { serializeDataset } from '../../src/pipeline/store/ndjson.ts';
import { ensureSite, ROOT, type BuiltSite } from '../site/helpers/siteBuild.ts';
import { startFakeSanityApi, type FakeSanityApi } from '../support/fakeSanityApi.ts';

const PREVIEW_SECRET = 'preview-secret-for-route-tests';
const WEBHOOK_SECRET = 'webhook-secret-for-route-tests';
const DRAFT_TITLE = 'Черновик: заголовок, который ещё не опубликован';

let site: BuiltSite;
let documents: DatasetDocument[];
let target: DatasetDocument;
let rejected: DatasetDocument;
const servers: RunningServer[] = [];
/** The server over a copy of the site's dataset, with the static preview secret and the webhook configured. */
let localBase: string;
let marker: string;

/** Serves the built site with this environment (the server is a child process; it inherits process.env). */
async function serve(dataDir: string, env: Record<string, string | undefined>): Promise<string> {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (/^(SANITY_|MEDCLUSTERS_(PREVIEW|REBUILD))/.test(name)) delete process.env[name];
  Object.assign(process.env, env);
  try {
    const served = await serveSite({ root: ROOT, outDir: site.outDir, dataDir, port: 0, log: () => {} });
    if (!served.ok) throw new Error(served.error.message);
    servers.push(served.value);
    return served.value.url.replace(/\/$/, '');
  } finally {
    process.env = saved;
  }
}

beforeAll(async () => {
  site = await ensureSite();
  documents = site.documents;
  const items = documents.filter((doc) => doc._type === 'newsItem');
  target = items.find((doc) => doc.reviewStatus === 'approved')!;
  rejected = items.find((doc) => doc.reviewStatus === 'rejected')!;
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('the preview route, local dataset', () => {
  const base = () => localBase;
  beforeAll(async () => {
    // A copy of the site's dataset (the local dataset is the published view: it holds no drafts).
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-routes-'));
    await writeFile(path.join(dataDir, 'dataset.ndjson'), serializeDataset(documents));
    marker = path.join(dataDir, 'rebuilds.txt');
    localBase = await serve(dataDir, {
      MEDCLUSTERS_PREVIEW_SECRET: PREVIEW_SECRET,
      SANITY_WEBHOOK_SECRET: WEBHOOK_SECRET,
      // One line per run: the test counts rebuilds without running a real build.
      MEDCLUSTERS_REBUILD_COMMAND: `printf 'run\\n' >> '${marker}'`,
    });
  }, 60_000);

  it('401 without the secret or with a wrong one, with nothing of the item in the answer', async () => {
    for (const query of ['', '?secret=wrong', '?sanity-preview-secret=wrong']) {
      const response = await fetch(`${base()}/preview/ru/${target._id}${query}`);
      expect(response.status, query).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).not.toContain(String(target.title));
    }
  });

  it('renders the item with the site\'s own item page, never showing the secret, not cached, not indexed', async () => {
    const response = await fetch(`${base()}/preview/ru/${target._id}?secret=${PREVIEW_SECRET}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain(`<h1 data-pagefind-meta="title">${String(target.title)}</h1>`);
    expect(html).toMatch(/data-preview-banner[^>]*>Предпросмотр опубликованной версии \(черновика нет\)\. Статус: одобрено\./);
    // The site's layout and item page: skip link, navigation, the article with its tag sections.
    expect(html).toContain('class="skip-link"');
    expect(html).toContain('<article class="item-page"');
    expect(html).toMatch(/<h2 id="tags-tasks">/);
    expect(html).toContain(`<link rel="stylesheet" href="/_astro/`);
    expect(html).not.toContain(PREVIEW_SECRET);
  });

  it('the English page, with the secret in a header instead of the query', async () => {
    const response = await fetch(`${base()}/preview/en/${target._id}`, { headers: { 'x-preview-secret': PREVIEW_SECRET } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Preview of the published version (there is no draft). Status: approved.');
  });

  it('shows an item the site does not (rejected), and 404 for an unknown item or language', async () => {
    const response = await fetch(`${base()}/preview/en/${rejected._id}?secret=${PREVIEW_SECRET}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Status: rejected.');
    expect((await fetch(`${base()}/preview/en/item-000000000000000000000000?secret=${PREVIEW_SECRET}`)).status).toBe(404);
    expect((await fetch(`${base()}/preview/de/${target._id}?secret=${PREVIEW_SECRET}`)).status).toBe(404);
  });
});

describe('the webhook route', () => {
  const body = JSON.stringify({ _id: 'page-about-en', _type: 'page', operation: 'update' });
  const post = (payload: string, headers: Record<string, string>) => fetch(`${localBase}/api/sanity-webhook`, { method: 'POST', body: payload, headers: { 'content-type': 'application/json', ...headers } });
  const runs = async () => (existsSync(marker) ? (await readFile(marker, 'utf8')).split('\n').filter(Boolean).length : 0);

  it('401 without work for an unsigned or wrongly signed call; 413 for a body over 1 MB', async () => {
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(body, Date.now(), 'wrong-secret') })).status).toBe(401);
    const huge = JSON.stringify({ _id: 'page-about-en', padding: 'x'.repeat(1_100_000) });
    const tooLarge = await post(huge, { [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(huge, Date.now(), WEBHOOK_SECRET) });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ status: 'rejected', code: 'too_large' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runs()).toBe(0);
  });

  it('202 for a signed call, which runs the rebuild command; the same call again is a replay (401)', async () => {
    const signature = await encodeSignatureHeader(body, Date.now(), WEBHOOK_SECRET);
    const accepted = await post(body, { [SIGNATURE_HEADER_NAME]: signature });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ status: 'started' });
    for (let waited = 0; (await runs()) === 0 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await runs()).toBe(1);
    expect((await post(body, { [SIGNATURE_HEADER_NAME]: signature })).status).toBe(401);
  });
});

describe('the preview route, Sanity', () => {
  let api: FakeSanityApi;
  let base: string;
  beforeAll(async () => {
    api = await startFakeSanityApi({ systemFields: true });
    for (const document of documents) api.documents.set(document._id, structuredClone(document) as never);
    // An editor's draft of one item, with an English title written in the studio.
    api.documents.set(`drafts.${target._id}`, { ...structuredClone(target), _id: `drafts.${target._id}`, title: DRAFT_TITLE, translations: { en: { title: 'Draft: not published yet', summary: 'Only the editor has seen this.' } } } as never);
    base = await serve(site.dataDir, { SANITY_PROJECT_ID: 'medtest', SANITY_DATASET: 'production', SANITY_API_HOST: api.origin, SANITY_API_TOKEN: 'viewer-token' });
  }, 60_000);
  afterAll(() => api?.close());

  it('opens with a secret the studio created, read from Sanity with the drafts perspective', async () => {
    const studio = createClient({ projectId: 'medtest', dataset: 'production', apiVersion: '2025-02-19', token: 'editor-session', useCdn: false, apiHost: api.origin, useProjectHostname: false });
    const { secret } = await createPreviewSecret(studio, 'medclusters-studio', 'https://studio.example/', 'editor-1');
    const response = await fetch(`${base}/preview/ru/${target._id}?sanity-preview-secret=${encodeURIComponent(secret)}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(DRAFT_TITLE);
    expect(html).toMatch(/data-preview-banner[^>]*>Предпросмотр черновика: он ещё не опубликован\. Статус: одобрено\./);
    expect(html).not.toContain(secret);
    const english = await (await fetch(`${base}/preview/en/${target._id}?sanity-preview-secret=${encodeURIComponent(secret)}`)).text();
    expect(english).toContain('<h1 data-pagefind-meta="title">Draft: not published yet</h1>');
    expect(english).toContain('Draft preview: not published yet. Status: approved.');
    const reads = api.requests.filter((request) => request.search.perspective === 'drafts');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((request) => request.authorization === 'Bearer viewer-token')).toBe(true);
  });

  it('401 for a secret Sanity does not hold, and the static secret is off when not configured', async () => {
    expect((await fetch(`${base}/preview/ru/${target._id}?sanity-preview-secret=made-up`)).status).toBe(401);
    expect((await fetch(`${base}/preview/ru/${target._id}?secret=${PREVIEW_SECRET}`)).status).toBe(401);
  });
});
