import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkAstroCache, linkingMethods, linkTree } from './linkedCache.ts';

// Astro's incremental cache without copies: a reused page is the published
// build's file, linked; a page rendered again is a new file, and the build
// that still serves the old one keeps it.

let work: string;
const settings = () => ({ config: { cacheDir: pathToFileURL(`${path.join(work, 'cache')}/`), outDir: pathToFileURL(`${path.join(work, 'build-2')}/`) } });
const page = 'client/ru/news/x/index.html';

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'medclusters-linked-cache-'));
  await mkdir(path.join(work, 'build-1', path.dirname(page)), { recursive: true });
  await writeFile(path.join(work, 'build-1', page), 'first');
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the linked incremental cache', () => {
  it('restores a reused page as a link to the previous build', async () => {
    const target = pathToFileURL(path.join(work, 'build-2', page));
    expect(await linkingMethods(path.join(work, 'build-1')).restoreOutputFile(settings(), page, target)).toBe(true);
    expect((await stat(target)).ino).toBe((await stat(path.join(work, 'build-1', page))).ino);
  });

  it.each([
    ['a page the previous build does not have', 'build-1', 'client/absent/index.html'],
    ['no previous build', null, page],
  ])('answers false for %s, so that Astro renders it', async (_name, previous, file) => {
    const methods = linkingMethods(previous === null ? null : path.join(work, 'build-1'));
    expect(await methods.restoreOutputFile(settings(), file, pathToFileURL(path.join(work, 'build-3', file)))).toBe(false);
  });

  it('keeps no copy of a rendered page in the cache', async () => {
    await linkingMethods(path.join(work, 'build-1')).writeOutputFile(settings(), page, 'second');
    expect(existsSync(path.join(work, 'cache'))).toBe(false);
    expect(await readFile(path.join(work, 'build-1', page), 'utf8')).toBe('first');
  });

  it.each([
    ['a class with both methods', class { restoreOutputFile(_a: unknown, _b: unknown, _c: unknown) {} writeOutputFile(_a: unknown, _b: unknown, _c: unknown) {} }, true],
    ['a class without them', class {}, false],
    ['methods of another shape', class { restoreOutputFile(_a: unknown) {} writeOutputFile(_a: unknown) {} }, false],
    ['nothing', undefined, false],
  ])('replaces the methods of %s: %s', (_name, cacheClass, replaced) => {
    expect(linkAstroCache(cacheClass, null)).toBe(replaced);
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
