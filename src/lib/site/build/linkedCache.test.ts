import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkAstroCache, linkingMethods, linkTree } from './linkedCache.ts';

// Astro's incremental cache with links: two builds and the cache share one
// file per page content, and a page rendered again never changes the file an
// earlier build still serves.

let work: string;
const settingsFor = (build: string) => ({ config: { cacheDir: pathToFileURL(`${path.join(work, 'cache')}/`), outDir: pathToFileURL(`${path.join(work, build)}/`) } });
const page = 'client/ru/news/x/index.html';

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'medclusters-linked-cache-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** What Astro's generate.js does for a rendered page: the build's file, then the cache's copy. */
async function render(build: string, body: string) {
  const file = path.join(work, build, page);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, body);
  await linkingMethods().writeOutputFile(settingsFor(build), page, body);
}

describe('the linked incremental cache', () => {
  it('keeps the cache copy of a rendered page as a link to the page', async () => {
    await render('build-1', 'first');
    const cached = path.join(work, 'cache/dist', page);
    expect(await readFile(cached, 'utf8')).toBe('first');
    expect((await stat(cached)).ino).toBe((await stat(path.join(work, 'build-1', page))).ino);
  });

  it('restores a reused page as a link, and answers false when the cache has no copy', async () => {
    const methods = linkingMethods();
    const target = pathToFileURL(path.join(work, 'build-2', page));
    expect(await methods.restoreOutputFile(settingsFor('build-2'), page, target)).toBe(true);
    expect((await stat(target)).nlink).toBe(3);
    expect(await methods.restoreOutputFile(settingsFor('build-2'), 'client/absent/index.html', pathToFileURL(path.join(work, 'build-2/client/absent/index.html')))).toBe(false);
  });

  it('never writes into a file an earlier build serves when the page is rendered again', async () => {
    await render('build-3', 'second');
    expect(await readFile(path.join(work, 'build-1', page), 'utf8')).toBe('first');
    expect(await readFile(path.join(work, 'build-2', page), 'utf8')).toBe('first');
    expect(await readFile(path.join(work, 'cache/dist', page), 'utf8')).toBe('second');
  });

  it.each([
    ['a class with both methods', class { restoreOutputFile(_a: unknown, _b: unknown, _c: unknown) {} writeOutputFile(_a: unknown, _b: unknown, _c: unknown) {} }, true],
    ['a class without them', class {}, false],
    ['methods of another shape', class { restoreOutputFile(_a: unknown) {} writeOutputFile(_a: unknown) {} }, false],
    ['nothing', undefined, false],
  ])('replaces the methods of %s: %s', (_name, cacheClass, replaced) => {
    expect(linkAstroCache(cacheClass)).toBe(replaced);
  });
});

describe('linkTree', () => {
  it('makes the same tree of files, linked', async () => {
    const source = path.join(work, 'segment');
    await mkdir(path.join(source, 'fragment'), { recursive: true });
    await writeFile(path.join(source, 'pagefind-entry.json'), '{}');
    await writeFile(path.join(source, 'fragment/a.pf_fragment'), 'a');
    await linkTree(source, path.join(work, 'copy'));
    expect(await readFile(path.join(work, 'copy/fragment/a.pf_fragment'), 'utf8')).toBe('a');
    expect((await stat(path.join(work, 'copy/pagefind-entry.json'))).ino).toBe((await stat(path.join(source, 'pagefind-entry.json'))).ino);
  });
});
