import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalClient, dataDirFromEnv, loadDataset } from './local.ts';

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'medclusters-local-'));

describe('loadDataset', () => {
  it('reads one document per line and skips dotted (draft) ids', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'dataset.ndjson'), '{"_id":"task-a","_type":"task"}\n\n{"_id":"drafts.task-a","_type":"task"}\n');
    const loaded = await loadDataset(dir);
    expect(loaded).toEqual({ ok: true, value: [{ _id: 'task-a', _type: 'task' }] });
  });

  it('treats a missing file as an empty dataset (a fresh clone still builds)', async () => {
    expect(await loadDataset(await tempDir())).toEqual({ ok: true, value: [] });
  });

  it('names the file and line of a malformed document', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'dataset.ndjson'), '{"_id":"task-a","_type":"task"}\n{"_id":\n');
    const loaded = await loadDataset(dir);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.error.code).toBe('dataset_invalid');
      expect(loaded.error.message).toContain('dataset.ndjson:2');
    }
    await expect(createLocalClient(dir)).rejects.toThrow(/dataset_invalid/);
  });
});

describe('dataDirFromEnv', () => {
  it.each([
    [{}, '/work/x/data'],
    [{ MEDCLUSTERS_DATA_DIR: '' }, '/work/x/data'],
    [{ MEDCLUSTERS_DATA_DIR: 'tmp/data' }, '/work/x/tmp/data'],
    [{ MEDCLUSTERS_DATA_DIR: '/srv/data' }, '/srv/data'],
  ])('%j', (env, expected) => {
    expect(dataDirFromEnv(env, '/work/x')).toBe(expected);
  });
});
