import { describe, expect, it } from 'vitest';
import type { NormalizeContext } from '../model.ts';
import { itemId, itemIdentity, resolveFeedIdentities, type ItemIdentity } from './identity.ts';
import { rawItem } from './testItems.ts';

const raw = rawItem;

const context: NormalizeContext = { sourceId: 'newsru', feedUrl: 'https://www.newsru.com/rss.xml', now: '2024-05-01T00:00:00Z' };
const base = 'https://www.newsru.com/';

describe('the guid fallback chain (identity.ts)', () => {
  it.each([
    ['1. an absolute http(s) guid', raw({ guid: 'HTTPS://WWW.NewsRu.com/a.html?utm_source=rss#top', link: 'https://x.example/' }), 'guid-url', 'https://www.newsru.com/a.html'],
    ['1. ...even with isPermaLink="false"', raw({ guid: 'http://example.org/p/1', guidIsPermaLink: false }), 'guid-url', 'http://example.org/p/1'],
    ['1. a relative guid with isPermaLink="true" resolves', raw({ guid: '/a/1.html', guidIsPermaLink: true }), 'guid-url', 'https://www.newsru.com/a/1.html'],
    ['2. a feed-local guid is scoped by the source', raw({ guid: '123', link: 'https://www.newsru.com/a' }), 'guid', 'newsru:123'],
    ['2. a tag: id', raw({ guid: 'tag:example.org,2024:1' }), 'guid', 'newsru:tag:example.org,2024:1'],
    ['2. a relative guid without isPermaLink', raw({ guid: '/a/1.html' }), 'guid', 'newsru:/a/1.html'],
    ['2. surrounding whitespace is not identity', raw({ guid: '  123\n' }), 'guid', 'newsru:123'],
    ['3. no guid: the normalised link', raw({ guid: '  ', link: 'https://WWW.newsru.com:443/a?fbclid=1#x' }), 'link', 'https://www.newsru.com/a'],
  ])('%s', (_name, item, source, key) => {
    const identity = itemIdentity(item, item.link ? new URL(item.link.trim()).href : null, base, context);
    expect(identity).toEqual({ key, source });
  });

  it('4. nothing else: a hash of title, date and description, scoped by the source', () => {
    const item = raw({ title: 'Заголовок', date: 'Tue, 3 Jan 2006 19:57:00 +0300', description: 'Текст' });
    const identity = itemIdentity(item, null, base, context);
    expect(identity.source).toBe('content-hash');
    expect(identity.key).toMatch(/^newsru:sha256:[0-9a-f]{64}$/);
    expect(itemIdentity({ ...item }, null, base, context)).toEqual(identity);
    expect(itemIdentity({ ...item, description: 'Другой текст' }, null, base, context).key).not.toBe(identity.key);
    expect(itemIdentity(item, null, base, { ...context, sourceId: 'other' }).key).not.toBe(identity.key);
  });

  it('the same guid in two sources is two items; the same URL guid is one', () => {
    const local = raw({ guid: '123' });
    expect(itemIdentity(local, null, base, context).key).not.toBe(itemIdentity(local, null, base, { ...context, sourceId: 'aif' }).key);
    const url = raw({ guid: 'https://example.org/a' });
    expect(itemIdentity(url, null, base, context).key).toBe(itemIdentity(url, null, base, { ...context, sourceId: 'aif' }).key);
  });
});

describe('rung 4 (resolveFeedIdentities): a link two stories of one feed share', () => {
  const link = (key: string): ItemIdentity => ({ key, source: 'link' });
  it.each([
    ['two titles on one link: both keyed by link and title', [[link('https://a.example/r'), 'Один'], [link('https://a.example/r'), 'Два']], ['link-title', 'link-title'], 2],
    ['one title on one link: the same item, keys unchanged', [[link('https://a.example/r'), 'Один'], [link('https://a.example/r'), 'Один']], ['link', 'link'], 1],
    ['links of their own: unchanged', [[link('https://a.example/1'), 'Один'], [link('https://a.example/2'), 'Два']], ['link', 'link'], 2],
    [
      'a guid is never re-keyed, the link item beside it is',
      [[{ key: 'https://a.example/r', source: 'guid-url' }, 'Один'], [link('https://a.example/r'), 'Два']],
      ['guid-url', 'link-title'],
      2,
    ],
  ] as [string, [ItemIdentity, string][], string[], number][])('%s', (_name, items, sources, distinctKeys) => {
    const resolved = resolveFeedIdentities(items.map(([identity, title]) => ({ identity, title })));
    expect(resolved.map((identity) => identity.source)).toEqual(sources);
    for (const identity of resolved.filter((entry) => entry.source === 'link-title')) {
      expect(identity.key).toMatch(/^https:\/\/a\.example\/r title-sha256:[0-9a-f]{64}$/);
    }
    expect(new Set(resolved.map((identity) => identity.key)).size).toBe(distinctKeys);
  });
});

describe('itemId', () => {
  it('is item- and 24 hex digits of the key hash, with no dots', () => {
    const id = itemId('https://www.newsru.com/a.html');
    expect(id).toMatch(/^item-[0-9a-f]{24}$/);
    expect(id).toBe(itemId('https://www.newsru.com/a.html'));
    expect(id).not.toBe(itemId('https://www.newsru.com/b.html'));
    // sha256("https://www.newsru.com/a.html"), first 24 hex digits, computed independently.
    expect(id).toBe('item-1fc84f9c792134731df01e5a');
  });
});
