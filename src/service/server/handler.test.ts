import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStaticFile, preferredLocale } from './handler.ts';

describe('preferredLocale', () => {
  it.each([
    [undefined, 'ru'],
    ['', 'ru'],
    ['ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7', 'ru'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB', 'en'],
    ['uk-UA,uk;q=0.9,ru;q=0.8,en;q=0.7', 'ru'],
    ['de-DE,de;q=0.9,en;q=0.5', 'en'],
    ['de-DE,fr;q=0.8', 'ru'],
    ['en;q=0.4,ru;q=0.8', 'ru'],
    ['*', 'ru'],
  ])('Accept-Language %j -> %s', (header, expected) => {
    expect(preferredLocale(header)).toBe(expected);
  });
});

describe('hasStaticFile', () => {
  it.each([
    ['/ru/', true],
    ['/ru', true],
    ['/ru/page.html', true],
    ['/ru/empty/', false],
    ['/ru/missing/', false],
    ['/ru/../../etc/passwd', false],
    ['/ru/%E0%A4%A', false],
  ])('%s -> %s', async (pathname, expected) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-static-'));
    await mkdir(path.join(dir, 'ru/empty'), { recursive: true });
    await writeFile(path.join(dir, 'ru/index.html'), '<!doctype html>');
    await writeFile(path.join(dir, 'ru/page.html'), '<!doctype html>');
    expect(await hasStaticFile(dir, pathname)).toBe(expected);
  });
});
