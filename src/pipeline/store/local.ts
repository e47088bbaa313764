import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import type { DatasetDocument } from './documents.ts';
import { applyMutations, type Mutation } from './mutations.ts';
import { parseDataset, serializeDataset } from './ndjson.ts';
import { fail, ok, type Result } from '../model.ts';

/**
 * The store interface the pipeline talks to. Two implementations: the local
 * NDJSON file here, and Sanity (src/pipeline/store/sanity.ts when configured).
 */
export type DatasetStore = {
  /** Where the data lives, for messages. */
  readonly location: string;
  read(): Promise<Result<Map<string, DatasetDocument>>>;
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

  return {
    location: file,
    read: readDocuments,
    async commit(mutations) {
      try {
        await mkdir(path.dirname(file), { recursive: true });
      } catch (error) {
        return fail('dataset_unwritable', `${file}: cannot create folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      let release: (() => Promise<void>) | undefined;
      try {
        // The lock guards read-apply-write as one step, so two ingests never
        // interleave: the second applies its plan on top of the first's result.
        release = await lockfile.lock(file, {
          realpath: false,
          stale: 120_000,
          retries: { retries: Math.max(1, Math.ceil(lockWaitMs / 250)), minTimeout: 250, maxTimeout: 250, factor: 1 },
        });
      } catch (error) {
        return fail('dataset_locked', `${file}: another ingest holds the lock (${(error as Error).message})`);
      }
      try {
        const current = await readDocuments();
        if (!current.ok) return current;
        const next = applyMutations(current.value, mutations);
        await writeFileAtomic(file, serializeDataset(next.values()), { encoding: 'utf8' });
        return ok({ documents: next.size });
      } catch (error) {
        return fail('dataset_unwritable', `${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      } finally {
        await release().catch(() => undefined);
      }
    },
  };
}
