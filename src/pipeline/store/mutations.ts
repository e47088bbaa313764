import type { DatasetDocument } from './documents.ts';

// The pipeline speaks Sanity's mutation vocabulary (a subset), so the same
// plan can be applied to the local NDJSON dataset or sent to Sanity's
// /data/mutate endpoint unchanged.

export type Mutation =
  | { createIfNotExists: DatasetDocument }
  // The studio's local API publishes and deletes whole documents.
  | { createOrReplace: DatasetDocument }
  | { delete: { id: string } }
  | { patch: { id: string; set?: Record<string, unknown>; unset?: string[] } };

/** Applies mutations in order to a copy of the dataset; unknown fields are kept. */
export function applyMutations(
  documents: ReadonlyMap<string, DatasetDocument>,
  mutations: readonly Mutation[],
): Map<string, DatasetDocument> {
  const next = new Map(documents);
  for (const mutation of mutations) {
    if ('createIfNotExists' in mutation) {
      const document = mutation.createIfNotExists;
      if (!next.has(document._id)) next.set(document._id, document);
      continue;
    }
    if ('createOrReplace' in mutation) {
      next.set(mutation.createOrReplace._id, mutation.createOrReplace);
      continue;
    }
    if ('delete' in mutation) {
      next.delete(mutation.delete.id);
      continue;
    }
    const { id, set, unset } = mutation.patch;
    const current = next.get(id);
    // Sanity ignores a patch on a missing document inside a transaction only if told to;
    // the pipeline always creates first, so a missing target here is a planning bug.
    if (current === undefined) throw new Error(`patch on missing document ${id}`);
    const patched: DatasetDocument = { ...current, ...(set ?? {}) };
    for (const field of unset ?? []) delete patched[field];
    next.set(id, patched);
  }
  return next;
}
