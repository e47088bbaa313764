import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuildReport } from '../../src/lib/site/build/run.ts';
import { cacheDirOf, currentBuild, INCOMPLETE_MARKER } from '../../src/lib/site/build/output.ts';
import type { DatasetDocument } from '../../src/pipeline/store/documents.ts';
import { itemSlug } from '../../src/pipeline/normalize/slug.ts';
import { generateDataset, writeDataset } from './fixtures/generateDataset.ts';
import { ROOT } from './helpers/siteBuild.ts';

// An incremental rebuild after one item changed: the pages, feeds, sitemap and
// search index that show the item say what it says now, and pages that do
// not show it are copied from the previous build, not rendered again.

const NEW_TITLE = 'Обновлённый заголовок: новая поликлиника открыта в Луганске';
let work: string;
let outDir: string;
let dataDir: string;
let first: BuildReport;
let second: BuildReport;
let changed: DatasetDocument;
let untouched: DatasetDocument;

// The fixture leaves `slug` out, as older documents do: the site makes it from the title.
const slugOf = (doc: DatasetDocument) => itemSlug(String(doc.title).trim(), doc._id);
const read = (file: string) => readFile(path.join(outDir, 'client', file), 'utf8');

/** The text of every Pagefind fragment of a segment (gzip files holding each page's JSON). */
async function fragmentsText(segment: string): Promise<string> {
  const dir = path.join(outDir, 'client/pagefind', segment, 'fragment');
  const files = await readdir(dir);
  return (await Promise.all(files.map(async (file) => gunzipSync(await readFile(path.join(dir, file))).toString('utf8')))).join('\n');
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'medclusters-incremental-'));
  outDir = path.join(work, 'site');
  dataDir = path.join(work, 'data');
  const documents = generateDataset({ items: 40, seed: 5, allShown: true });
  await writeDataset(dataDir, documents);
  const built = await buildSite({ root: ROOT, outDir, dataDir, stdio: 'pipe' });
  if (!built.ok) throw new Error(built.error.message);
  first = built.value;

  // The newest item (on the home page, the first page of its month, the feeds) gets a corrected title.
  const items = documents.filter((doc) => doc._type === 'newsItem').sort((a, b) => String(b.publishedAt).localeCompare(String(a.publishedAt)));
  changed = items[0]!;
  untouched = items.at(-1)!;
  // The stored slug keeps the item's URL, as the pipeline's does when a headline is corrected upstream.
  const edited = documents.map((doc) =>
    doc._id === changed._id ? { ...doc, title: NEW_TITLE, translations: undefined, slug: { _type: 'slug', current: slugOf(changed) } } : doc,
  );
  await writeDataset(dataDir, edited);
  const rebuilt = await buildSite({ root: ROOT, outDir, dataDir, stdio: 'pipe' });
  if (!rebuilt.ok) throw new Error(rebuilt.error.message);
  second = rebuilt.value;
}, 400_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('an incremental rebuild after one item changed', () => {
  it('renders everything the first time and reuses most pages the second', () => {
    expect(first.reusedPages).toBe(0);
    expect(second.reusedPages).toBeGreaterThan(0);
    expect(existsSync(path.join(cacheDirOf(outDir), INCOMPLETE_MARKER))).toBe(false);
  });

  it('counts the reused pages in one line of its own, not a line per page', async () => {
    // Every page or feed file of this build that is a link to the previous build's is one reused page.
    const client = path.join(outDir, 'client');
    const files = (await readdir(client, { recursive: true })).filter((file) => /\.(html|xml|json)$/.test(file) && !/^(pagefind|images)\//.test(file));
    const linked = (await Promise.all(files.map((file) => stat(path.join(client, file))))).filter((info) => info.nlink > 1).length;
    expect(second.reusedPages).toBe(linked);
    expect(second.output).toMatch(/\[medclusters-linked-cache\] \d+ pages reused from the previous build/);
    expect(second.output).not.toMatch(/\((?:restored|cached)\)/);
  });

  it('shows the new title on the item page, its archive month and the feeds', async () => {
    const month = String(changed.publishedAt).slice(0, 7).split('-');
    for (const lang of ['ru', 'en']) {
      expect(await read(`${lang}/news/${slugOf(changed)}/index.html`), lang).toContain(NEW_TITLE);
      expect(await read(`${lang}/archive/${month[0]}/${month[1]}/index.html`), lang).toContain(NEW_TITLE);
      expect(await read(`${lang}/feed.json`), lang).toContain(NEW_TITLE);
      expect(await read(`${lang}/rss.xml`), lang).toContain(NEW_TITLE);
    }
  });

  it('copies the page of an item nothing changed for, byte for byte', async () => {
    const previous = (await readdir(path.dirname(currentBuild(outDir)!))).filter((entry) => !['cache', 'node_modules', path.basename(currentBuild(outDir)!)].includes(entry) && !entry.endsWith('.search'));
    expect(previous.length).toBe(1);
    const file = `ru/news/${slugOf(untouched)}/index.html`;
    const before = await readFile(path.join(path.dirname(currentBuild(outDir)!), previous[0]!, 'client', file), 'utf8');
    expect(await read(file)).toBe(before);
  });

  it('links reused pages to the previous build, keeps no copy in the cache, and leaves the previous build as it was', async () => {
    const builds = path.dirname(currentBuild(outDir)!);
    const previous = (await readdir(builds)).filter((entry) => !['cache', 'node_modules', path.basename(currentBuild(outDir)!)].includes(entry))[0]!;
    // One file for the page in the previous build and this one (src/lib/site/build/linkedCache.ts).
    expect((await stat(path.join(outDir, 'client', `ru/news/${slugOf(untouched)}/index.html`))).nlink).toBe(2);
    expect(existsSync(path.join(cacheDirOf(outDir), 'dist'))).toBe(false);
    expect(await readFile(path.join(builds, previous, 'client', `ru/news/${slugOf(changed)}/index.html`), 'utf8')).not.toContain(NEW_TITLE);
  });

  it('keeps every item page in the sitemap', async () => {
    const sitemap = await read('sitemap-0.xml');
    expect(sitemap).toContain(`/ru/news/${slugOf(changed)}/`);
    expect(sitemap).toContain(`hreflang="en" href="http://localhost:4321/en/news/${slugOf(changed)}/"`);
  });

  it('indexes the new title for search, and only in the segment that holds the item', async () => {
    const { segments } = JSON.parse(await read('pagefind/segments.json')) as { segments: { name: string }[] };
    const segment = segments.find((entry) => entry.name === String(changed.publishedAt).slice(0, 7))!;
    expect(segment).toBeDefined();
    expect(await fragmentsText(segment.name)).toContain(NEW_TITLE);
    // Not the whole archive again: the changed item's segment is indexed, most others are copied.
    const indexed = /(\d+) segments indexed, (\d+) reused/.exec(second.notes.join('\n'));
    expect(indexed, second.notes.join('\n')).not.toBeNull();
    expect(Number(indexed![1])).toBeGreaterThanOrEqual(1);
    expect(Number(indexed![2]), second.notes.join('\n')).toBeGreaterThanOrEqual(segments.length - 2);
  });
});

describe('a build that did not finish', () => {
  it('makes the next build render every page', async () => {
    await writeFile(path.join(cacheDirOf(outDir), INCOMPLETE_MARKER), 'interrupted\n');
    const built = await buildSite({ root: ROOT, outDir, dataDir, stdio: 'pipe' });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.reusedPages).toBe(0);
    expect(existsSync(path.join(cacheDirOf(outDir), INCOMPLETE_MARKER))).toBe(false);
  }, 300_000);
});
