import { Mutation as SanityMutation } from '@sanity/mutator';
import { fail, ok, type Result } from '../pipeline/model.ts';

// Sanity's mutation vocabulary as the studio sends it (create, createIfNotExists,
// createOrReplace, delete, patch with set/setIfMissing/unset/inc/dec/insert/
// diffMatchPatch and ifRevisionID), applied to documents in memory with
// @sanity/mutator, the library the studio itself applies them with.

export type StudioDocument = Record<string, unknown> & { _id: string; _type: string; _rev?: string };
export type StudioMutation = Record<string, unknown>;

/** The document a mutation targets. */
export function mutationTarget(mutation: StudioMutation): Result<{ kind: string; id: string }> {
  const [kind, value] = Object.entries(mutation)[0] ?? [];
  const body = value as { _id?: unknown; id?: unknown; query?: unknown } | undefined;
  if (kind === 'create' || kind === 'createIfNotExists' || kind === 'createOrReplace') {
    return typeof body?._id === 'string' && body._id !== '' ? ok({ kind, id: body._id }) : fail('mutation_invalid', `${kind} needs an _id (the local API makes no ids)`);
  }
  if (kind === 'delete' || kind === 'patch') {
    if (typeof body?.id === 'string') return ok({ kind, id: body.id });
    return fail('mutation_invalid', `${kind} by query is not supported by the local API; use an id`);
  }
  return fail('mutation_invalid', `unsupported mutation ${String(kind)}`);
}

export type Change = { id: string; before: StudioDocument | null; after: StudioDocument | null };

/**
 * Applies a transaction's mutations in order to `documents` (not changed) and
 * returns the documents it touched, before and after. All or nothing: any
 * failing mutation fails the transaction, as Sanity does.
 */
export function applyStudioMutations(
  documents: ReadonlyMap<string, StudioDocument>,
  mutations: readonly StudioMutation[],
  transaction: { id: string; timestamp: string },
): Result<Change[]> {
  const working = new Map<string, StudioDocument | null>();
  const current = (id: string): StudioDocument | null => (working.has(id) ? working.get(id)! : (documents.get(id) ?? null));
  const before = new Map<string, StudioDocument | null>();
  for (const mutation of mutations) {
    const target = mutationTarget(mutation);
    if (!target.ok) return target;
    const { kind, id } = target.value;
    const document = current(id);
    if (!before.has(id)) before.set(id, document);
    if (kind === 'create' && document !== null) return fail('document_exists', `document ${id} already exists`);
    if (kind === 'patch') {
      const patch = (mutation.patch ?? {}) as { ifRevisionID?: string };
      if (document === null) return fail('document_missing', `cannot patch ${id}: no such document`);
      if (typeof patch.ifRevisionID === 'string' && patch.ifRevisionID !== document._rev) {
        return fail('revision_mismatch', `document ${id} has revision ${document._rev}, expected ${patch.ifRevisionID}`);
      }
    }
    if (kind === 'createIfNotExists' && document !== null) continue;
    try {
      // The mutator writes into the objects it is given; it gets copies.
      const applied = new SanityMutation({ mutations: [structuredClone(mutation)], timestamp: transaction.timestamp, resultRev: transaction.id }).apply(
        document === null ? null : structuredClone(document),
      ) as StudioDocument | null;
      working.set(id, applied === null ? null : { ...applied, _id: id });
    } catch (error) {
      return fail('mutation_invalid', `${kind} on ${id}: ${(error as Error).message}`);
    }
  }
  const changes: Change[] = [];
  for (const [id, after] of working) {
    const previous = before.get(id) ?? null;
    if (previous === null && after === null) continue;
    changes.push({ id, before: previous, after });
  }
  return ok(changes);
}
