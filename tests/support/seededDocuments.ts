// The page and siteSettings documents an ingest seeds from content/pages/
// (the files as they are now), for test datasets that are not made by an ingest.
import path from 'node:path';
import { loadSeedDocuments, planSeedMutations } from '../../src/lib/content/seed/seedDocuments.ts';
import { applyMutations } from '../../src/pipeline/store/mutations.ts';
import type { DatasetDocument } from '../../src/pipeline/store/documents.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The seeded documents, or `existing` with them seeded in (what the next ingest would leave). */
export async function withSeededDocuments(existing: readonly DatasetDocument[] = [], root = ROOT): Promise<DatasetDocument[]> {
  const seeds = await loadSeedDocuments(root);
  if (!seeds.ok) throw new Error(`${seeds.error.code}: ${seeds.error.message}`);
  const current = new Map(existing.map((document) => [document._id, document]));
  return [...applyMutations(current, planSeedMutations(current, seeds.value).mutations).values()];
}
