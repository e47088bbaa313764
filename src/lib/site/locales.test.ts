import { describe, expect, it } from 'vitest';
import { localeOfPath, switchLocalePath } from './locales.ts';
import { alternatesFor } from './head.ts';

describe('switchLocalePath keeps the reader on the same page', () => {
  it.each([
    ['/ru/', 'en', '/en/'],
    ['/ru/news/poliklinika-29bc44a0/', 'en', '/en/news/poliklinika-29bc44a0/'],
    ['/en/archive/2026/11/3/', 'ru', '/ru/archive/2026/11/3/'],
    ['/en/search/?q=hospital#results', 'ru', '/ru/search/?q=hospital#results'],
    ['/ru/tasks/workforce/murmansk/', 'ru', '/ru/tasks/workforce/murmansk/'],
    ['/', 'en', '/en/'],
    ['/feeds.opml', 'ru', '/ru/'],
    ['/de/x/', 'en', '/en/'],
  ] as const)('%s -> %s', (path, to, expected) => {
    expect(switchLocalePath(path, to)).toBe(expected);
  });
});

describe('localeOfPath', () => {
  it.each([
    ['/ru/about/', 'ru'],
    ['/en/', 'en'],
    ['/', null],
    ['/404/', null],
  ])('%s', (path, expected) => {
    expect(localeOfPath(path)).toBe(expected);
  });
});

describe('alternatesFor', () => {
  it('pairs both languages and points x-default at Russian', () => {
    expect(alternatesFor('https://example.org', '/en/tasks/research/')).toEqual([
      { hreflang: 'ru', href: 'https://example.org/ru/tasks/research/' },
      { hreflang: 'en', href: 'https://example.org/en/tasks/research/' },
      { hreflang: 'x-default', href: 'https://example.org/ru/tasks/research/' },
    ]);
  });
});
