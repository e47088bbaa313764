// `sanity dataset import content/dataset.ndjson` must take the bundled dataset as
// it is. This runs the importer the CLI uses (@sanity/import) with a real
// @sanity/client against a loopback stand-in of Sanity's mutate API.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createClient } from '@sanity/client';
import { sanityImport } from '@sanity/import';
import { startFakeSanityApi } from './support/fakeSanityApi.ts';

const DATASET = path.resolve(import.meta.dirname, '../content/dataset.ndjson');

describe('the bundled dataset', () => {
  it('imports with sanity dataset import unchanged, references intact', async () => {
    const api = await startFakeSanityApi();
    try {
      const text = await readFile(DATASET, 'utf8');
      const documents = text.trim().split('\n').map((line) => JSON.parse(line));
      const client = createClient({ projectId: 'medtest', dataset: 'production', apiHost: api.origin, useProjectHostname: false, apiVersion: '2025-02-19', token: 'test-token', useCdn: false });
      // The importer weakens references in place; give it its own copy.
      const result = await sanityImport(structuredClone(documents), {
        client,
        operation: 'create',
        releasesOperation: 'fail',
        allowAssetsInDifferentDataset: false,
        allowSystemDocuments: false,
        replaceAssets: false,
        skipCrossDatasetReferences: true,
        tag: 'test',
        onProgress: () => undefined,
      });
      expect(result.numDocs).toBe(documents.length);
      expect(api.documents.size).toBe(documents.length);
      for (const document of documents) {
        // What arrives is what we wrote (the importer's temporary weak refs are strengthened again).
        expect(api.documents.get(document._id)).toEqual(document);
      }
      const items = documents.filter((document) => document._type === 'newsItem');
      expect(items.length).toBeGreaterThan(200);
      for (const item of items) expect(api.documents.has(item.source._ref)).toBe(true);
    } finally {
      await api.close();
    }
  });
});
