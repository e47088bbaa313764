import { describe, expect, it } from 'vitest';
import type { DatasetDocument } from '../../pipeline/store/documents.ts';
import { createMemoryClient } from './local.ts';
import { fetchHealth, fetchRawContent } from './site.ts';

// The site's pages, feeds, search index and sitemap are all made from
// fetchRawContent's items, and /api/health counts with fetchHealth: both
// follow the site settings' publication policy.

const item = (id: string, fields: Record<string, unknown>): DatasetDocument => ({ _id: id, _type: 'newsItem', title: id, publishedAt: '2026-07-01T10:00:00Z', ...fields });
const documents = [
  item('item-approved', { reviewStatus: 'approved', health: true }),
  item('item-tagged', { reviewStatus: 'new', health: true }),
  item('item-rejected', { reviewStatus: 'rejected', health: true }),
];
const withPolicy = (policy?: string) =>
  createMemoryClient([...documents, { _id: 'siteSettings', _type: 'siteSettings', ...(policy ? { publicationPolicy: policy } : {}) }]);

describe('publication policy', () => {
  it.each([
    ['unset (an older dataset)', undefined, ['item-approved', 'item-tagged']],
    ['tagged', 'tagged', ['item-approved', 'item-tagged']],
    ['approved', 'approved', ['item-approved']],
  ])('%s: the site and the health count show %j', async (_name, policy, shown) => {
    const client = withPolicy(policy);
    const content = await fetchRawContent(client);
    expect(content.items.map((entry) => entry._id).sort()).toEqual(shown);
    const health = await fetchHealth(client);
    expect(health).toMatchObject({ shownItems: shown.length, items: 3, publicationPolicy: policy ?? 'tagged' });
  });
});
