import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import type { DatasetDocument } from './documents.ts';
import { applyMutations, type Mutation } from './mutations.ts';
import { parseDataset, serializeDataset } from './ndjson.ts';
import { fail, ok, type Result } from '../model.ts';

/** What a transaction's planner returns: the mutations to apply, and a value for the caller (e.g. counts). */
export type TransactionPlan<T> = { mutations: readonly Mutation[]; result: T };

/**
 * The store interface the pipeline talks to. Two implementations: the local
 * NDJSON file here, and Sanity (src/pipeline/store/sanity.ts when configured).
 */
export type DatasetStore = {
  /** Where the data lives, for messages. */
  readonly location: string;
  read(): Promise<Result<Map<string, DatasetDocument>>>;
  /**
   * Read, plan and write as one step: `plan` gets the dataset as it is now
   * (read under the store's lock where it has one) and returns the mutations,
   * which are applied atomically; nothing is written when anything fails.
   */
  transaction<T>(
    plan: (snapshot: ReadonlyMap<string, DatasetDocument>) => TransactionPlan<T> | Promise<TransactionPlan<T>>,
  ): Promise<Result<{ documents: number; result: T }>>;
  /** Applies the mutations atomically; nothing is written when it fails. */
  commit(mutations: readonly Mutation[]): Promise<Result<{ documents: number }>>;
};

export const DATASET_FILE = 'dataset.ndjson';

export type LocalStoreOptions = {
  /** How long to wait for another ingest holding the lock. */
  lockWaitMs?: number;
};

export function openLocalStore(directory: string, options: LocalStoreOptions = {}): DatasetStore {
  const file = path.resolve(directory, DATASET_FILE);
  const lockWaitMs = options.lockWaitMs ?? 60_000;

  async function readDocuments(): Promise<Result<Map<string, DatasetDocument>>> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(new Map());
      return fail('dataset_unreadable', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    return parseDataset(text, file);
  }

  const store: DatasetStore = {
    location: file,
    read: readDocuments,
    async transaction(plan) {
      try {
        await mkdir(path.dirname(file), { recursive: true });
      } catch (error) {
        return fail('dataset_unwritable', `${file}: cannot create folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      let release: () => Promise<void>;
      try {
        // The lock guards read-plan-write as one step, so two ingests never
        // interleave: the second plans against the first's result (a link the
        // first stored is seen as stored, not created twice).
        release = await lockfile.lock(file, {
          realpath: false,
          stale: 120_000,
          retries: { retries: Math.max(1, Math.ceil(lockWaitMs / 250)), minTimeout: 250, maxTimeout: 250, factor: 1 },
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ELOCKED') return fail('dataset_locked', `${file}: another ingest holds the lock (${(error as Error).message})`);
        // The lock is a folder made beside the dataset: failing to make it is the folder refusing writes.
        if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
          return fail('dataset_unwritable', `${path.dirname(file)}: the data folder is read-only (${code}): the dataset cannot be written there; make it writable, or choose another folder with --data DIR`);
        }
        return fail('dataset_unwritable', `${file}: cannot take the lock (${code ?? (error as Error).message})`);
      }
      try {
        const current = await readDocuments();
        if (!current.ok) return current;
        const planned = await plan(current.value);
        const next = applyMutations(current.value, planned.mutations);
        try {
          await writeFileAtomic(file, serializeDataset(next.values()), { encoding: 'utf8' });
        } catch (error) {
          return fail('dataset_unwritable', `${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }
        return ok({ documents: next.size, result: planned.result });
      } finally {
        await release().catch(() => undefined);
      }
    },
    async commit(mutations) {
      const done = await store.transaction(() => ({ mutations, result: null }));
      return done.ok ? ok({ documents: done.value.documents }) : done;
    },
  };
  return store;
}
