import { constants, existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../pipeline/model.ts';
import { DATASET_FILE } from './local.ts';

// The data folder: where the dataset, its images and the service's state live,
// apart from the tracked files. By default `data/` at the project root (ignored
// by git), seeded on first use from the bundled `content/dataset.ndjson`; or the
// folder given by `--data DIR` or `MEDCLUSTERS_DATA_DIR`.

export const DEFAULT_DATA_DIR = 'data';
/** The bundled sample dataset, relative to the project root: only ever read. */
export const BUNDLED_DATASET = path.join('content', DATASET_FILE);

/** `explicit`: named by the flag or the environment (a typo there must not pass silently). */
export type DataFolder = { dir: string; explicit: boolean };

/** The `--data` flag wins over MEDCLUSTERS_DATA_DIR, which wins over `data/` at the project root. */
export function resolveDataFolder(flag: string | undefined, env: Record<string, string | undefined>, root: string): DataFolder {
  const given = flag?.trim() || env.MEDCLUSTERS_DATA_DIR?.trim();
  return given ? { dir: path.resolve(given), explicit: true } : { dir: path.join(root, DEFAULT_DATA_DIR), explicit: false };
}

/**
 * `read`: build, serve, retag need a dataset; `write`: ingest and the service may start one.
 * What to do with a folder that has no dataset yet (pure).
 */
export function dataFolderAction(folder: DataFolder, hasDataset: boolean, use: 'read' | 'write'): 'use' | 'seed' | 'create' | 'refuse' {
  if (hasDataset) return 'use';
  if (!folder.explicit) return 'seed';
  return use === 'write' ? 'create' : 'refuse';
}

/**
 * Makes the data folder ready for a command. The default folder is seeded
 * from the bundled dataset the first time (a copy; the usual seeding rules
 * of the next ingest bring the taxonomy, pages and sample sources up to
 * date); an explicitly named folder without a dataset is an error for
 * commands that only read it, and a new dataset for those that write.
 * `note` says what happened, for the command to print.
 */
export async function prepareDataFolder(folder: DataFolder, root: string, use: 'read' | 'write'): Promise<Result<{ dir: string; note: string | null }>> {
  const file = path.join(folder.dir, DATASET_FILE);
  const action = dataFolderAction(folder, existsSync(file), use);
  if (action === 'use') return ok({ dir: folder.dir, note: null });
  if (action === 'refuse') {
    return fail('data_folder_empty', `${folder.dir}: no ${DATASET_FILE} in this data folder (mistyped --data or MEDCLUSTERS_DATA_DIR? \`npm run ingest -- --data ${folder.dir}\` creates one)`);
  }
  try {
    await mkdir(folder.dir, { recursive: true });
    if (action === 'create') return ok({ dir: folder.dir, note: `new data folder ${folder.dir}: the ingest creates its dataset` });
    // COPYFILE_EXCL: two commands starting at once on a fresh clone must not copy over each other's writes.
    await copyFile(path.join(root, BUNDLED_DATASET), file, constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } catch (error) {
    return fail('data_folder_unwritable', `${folder.dir}: cannot prepare the data folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return ok({ dir: folder.dir, note: `data folder ${folder.dir} seeded from the bundled ${BUNDLED_DATASET}` });
}
