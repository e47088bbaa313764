import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { evaluate, parse, type ExprNode } from 'groq-js';
import { parseDataset } from '../../pipeline/store/ndjson.ts';
import type { DatasetDocument } from '../../pipeline/store/documents.ts';
import { fail, ok, type Result } from '../../pipeline/model.ts';
import type { ContentClient } from './client.ts';
import { CODE_VIEWS, documentsByType, TYPE_SCOPED_QUERIES } from './localViews.ts';

export const DATASET_FILE = 'dataset.ndjson';

/** The data folder: `MEDCLUSTERS_DATA_DIR` (the commands set it for the build and the server), else `data/` of the working directory (dataFolder.ts). */
export function dataDirFromEnv(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  const configured = env.MEDCLUSTERS_DATA_DIR;
  return path.resolve(cwd, configured && configured.trim() !== '' ? configured : 'data');
}

/**
 * Reads `dir/dataset.ndjson`. A missing file is an empty dataset (a fresh
 * clone before its first ingest still builds a site); an unreadable or
 * malformed one is an error naming the file and line.
 */
export async function loadDataset(dir: string): Promise<Result<DatasetDocument[]>> {
  const file = path.join(dir, DATASET_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok([]);
    return fail('dataset_unreadable', `${file}: ${(error as Error).message}`);
  }
  const parsed = parseDataset(text, file);
  return parsed.ok ? ok([...parsed.value.values()]) : parsed;
}

/**
 * A GROQ client over documents in memory, evaluated by groq-js; the site's
 * fixed queries are answered by code or over the documents of their type
 * only (localViews.ts).
 */
export function createMemoryClient(documents: readonly DatasetDocument[], description = 'memory'): ContentClient {
  const trees = new Map<string, ExprNode>();
  const dataset = documents as unknown as object[];
  let byType: Map<string, DatasetDocument[]> | null = null;
  const scopeOf = (query: string): object[] => {
    const types = TYPE_SCOPED_QUERIES.get(query);
    if (!types) return dataset;
    byType ??= documentsByType(documents);
    return types.flatMap((type) => byType!.get(type) ?? []);
  };
  return {
    description,
    store: 'local',
    async fetch<T>(query: string, params: Record<string, unknown> = {}): Promise<T> {
      const view = CODE_VIEWS.get(query);
      if (view) return view(dataset as Record<string, unknown>[], params) as T;
      // groq-js may fold parameters into the tree at parse time, so the cache key includes them.
      const key = `${query}\u0000${JSON.stringify(params)}`;
      let tree = trees.get(key);
      if (!tree) {
        tree = parse(query, { params });
        trees.set(key, tree);
      }
      const value = await evaluate(tree, { dataset: scopeOf(query), params });
      return (await value.get()) as T;
    },
  };
}

/**
 * The embedded default: the dataset file under `dir`. Throws when the file is
 * malformed: the build cannot go on without its content, and the message says
 * which line to fix.
 */
export async function createLocalClient(dir: string = dataDirFromEnv()): Promise<ContentClient> {
  const loaded = await loadDataset(dir);
  if (!loaded.ok) throw new Error(`${loaded.error.code}: ${loaded.error.message}`);
  return createMemoryClient(loaded.value, `local dataset ${path.join(dir, DATASET_FILE)} (${loaded.value.length} documents)`);
}
