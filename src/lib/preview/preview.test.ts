import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createMemoryClient } from '../content/local.ts';
import { applyPerspective } from '../content/perspective.ts';
import { handlePreview } from './handler.ts';
import { previewIdFromPath, renderPreviewHtml, secretMatches } from './preview.ts';

const SECRET = 'preview-secret-3f9a';
const documents = readFileSync(path.resolve(import.meta.dirname, '../../../tests/sanity/testdata/dataset.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
const published = documents.find((document) => document._type === 'newsItem');
const draft = { ...published, _id: `drafts.${published._id}`, title: 'Заголовок <черновика>', translations: { en: { title: 'Draft English title', summary: 'Draft summary' } } };
let reads = 0;
const deps = {
  secret: SECRET,
  draftsClient: async () => {
    reads++;
    return createMemoryClient(applyPerspective([...documents, draft], 'drafts'));
  },
};
const get = (pathname: string, headers: Record<string, string> = {}) => new Request(`http://127.0.0.1${pathname}`, { headers });

describe('preview route', () => {
  it.each([
    ['no secret', `/preview/${published._id}`, {}],
    ['wrong secret', `/preview/${published._id}?secret=nope`, {}],
    ['wrong header', `/preview/${published._id}`, { 'x-preview-secret': 'preview-secret-3f9b' }],
  ])('401 with %s, before reading anything', async (_name, url, headers) => {
    reads = 0;
    const response = await handlePreview(get(url, headers), published._id, deps);
    expect(response.status).toBe(401);
    expect(reads).toBe(0);
  });

  it('401 for every request when no secret is configured', async () => {
    const response = await handlePreview(get(`/preview/${published._id}?secret=`), published._id, { ...deps, secret: undefined });
    expect(response.status).toBe(401);
  });

  it.each([
    ['query', `/preview/${published._id}?secret=${SECRET}`, {}],
    ['header', `/preview/${published._id}`, { 'x-preview-secret': SECRET }],
  ])('renders the draft with the secret in the %s, and never shows the secret', async (_name, url, headers) => {
    const response = await handlePreview(get(url, headers), published._id, deps);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('Заголовок &lt;черновика&gt;');
    expect(html).toContain('Draft English title');
    expect(html).toContain('Draft preview: not published');
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain('<черновика>');
  });

  it('shows the published version when there is no draft, 404 for unknown or invalid ids', async () => {
    const other = documents.filter((document) => document._type === 'newsItem')[1];
    const response = await handlePreview(get(`/preview/${other._id}?secret=${SECRET}`), `drafts.${other._id}`, deps);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Preview of the published version');
    expect((await handlePreview(get(`/preview/x?secret=${SECRET}`), 'item-missing', deps)).status).toBe(404);
    expect((await handlePreview(get(`/preview/x?secret=${SECRET}`), '../etc/passwd', deps)).status).toBe(404);
  });
});

describe('preview helpers', () => {
  it.each([
    ['s3cret', 's3cret', true],
    ['s3cret', 's3cre', false],
    ['', '', false],
    [null, 's3cret', false],
    ['s3cret', undefined, false],
  ])('secretMatches(%j, %j) = %s', (given, expected, result) => {
    expect(secretMatches(given, expected)).toBe(result);
  });
  it.each([
    ['item-abc', 'item-abc'],
    ['drafts.item-abc', 'item-abc'],
    ['/item-abc/', 'item-abc'],
    ['a/b', null],
    ['', null],
    [undefined, null],
  ])('previewIdFromPath(%j) = %j', (input, expected) => {
    expect(previewIdFromPath(input)).toBe(expected);
  });
  it('links only to http(s) URLs', () => {
    expect(renderPreviewHtml({ _id: 'item-a', link: 'javascript:alert(1)' })).not.toContain('javascript:');
    expect(renderPreviewHtml({ _id: 'item-a', link: 'https://example.org/a?b=1&c=2' })).toContain('href="https://example.org/a?b=1&amp;c=2"');
  });
});
