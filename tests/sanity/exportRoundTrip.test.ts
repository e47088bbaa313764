// A `sanity dataset export` file read back as the local dataset: the export's
// data.ndjson is unsorted and carries drafts and release versions beside the
// published documents; the local store and the site read the published view.
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalClient, createMemoryClient } from '../../src/lib/content/local.ts';
import { openLocalStore } from '../../src/pipeline/store/local.ts';
import { visibleItemsQuery, healthQuery } from '../../src/lib/content/queries.ts';

describe('an exported dataset as the local dataset', () => {
  it('reads like the original, drafts and versions left out', async () => {
    const text = await readFile(path.join(import.meta.dirname, 'testdata/dataset.ndjson'), 'utf8');
    const documents = text.trim().split('\n').map((line) => JSON.parse(line));
    const item = documents.find((document) => document._type === 'newsItem');
    const exported = [
      ...documents.slice().reverse(),
      { ...item, _id: `drafts.${item._id}`, title: 'draft title' },
      { ...item, _id: `versions.rSpring.${item._id}`, title: 'release title' },
    ];
    const dir = await mkdtemp(path.join(tmpdir(), 'medclusters-export-'));
    await writeFile(path.join(dir, 'dataset.ndjson'), exported.map((document) => JSON.stringify(document)).join('\n') + '\n');

    const local = await createLocalClient(dir);
    expect(local.description).toContain(`(${documents.length} documents)`);
    const original = createMemoryClient(documents);
    const tagged = { policy: 'tagged' };
    expect(await local.fetch(visibleItemsQuery, tagged)).toEqual(await original.fetch(visibleItemsQuery, tagged));
    expect(await local.fetch(healthQuery, tagged)).toEqual(await original.fetch(healthQuery, tagged));
    expect(JSON.stringify(await local.fetch(visibleItemsQuery, tagged))).not.toContain('draft title');

    const store = await openLocalStore(dir).read();
    expect(store.ok && [...store.value.keys()].sort()).toEqual(documents.map((document) => document._id).sort());
  });
});
