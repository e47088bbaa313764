import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFolderAction, prepareDataFolder, resolveDataFolder } from './dataFolder.ts';

describe('resolveDataFolder', () => {
  it.each<[string | undefined, Record<string, string>, { dir: string; explicit: boolean }]>([
    [undefined, {}, { dir: '/p/data', explicit: false }],
    [undefined, { MEDCLUSTERS_DATA_DIR: '/srv/news' }, { dir: '/srv/news', explicit: true }],
    [undefined, { MEDCLUSTERS_DATA_DIR: '  ' }, { dir: '/p/data', explicit: false }],
    ['/tmp/d', { MEDCLUSTERS_DATA_DIR: '/srv/news' }, { dir: '/tmp/d', explicit: true }],
  ])('--data %j, environment %j', (flag, env, expected) => {
    expect(resolveDataFolder(flag, env, '/p')).toEqual(expected);
  });
});

describe('dataFolderAction', () => {
  it.each<[boolean, boolean, 'read' | 'write', string]>([
    [true, true, 'read', 'use'],
    [false, true, 'write', 'use'],
    [false, false, 'read', 'seed'],
    [false, false, 'write', 'seed'],
    [true, false, 'read', 'refuse'],
    [true, false, 'write', 'create'],
  ])('explicit %s, has a dataset %s, %s -> %s', (explicit, hasDataset, use, expected) => {
    expect(dataFolderAction({ dir: '/d', explicit }, hasDataset, use)).toBe(expected);
  });
});

describe('prepareDataFolder', () => {
  const project = async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'medclusters-folder-'));
    await mkdir(path.join(root, 'content'));
    await writeFile(path.join(root, 'content/dataset.ndjson'), '{"_id":"bundled","_type":"x"}\n');
    return root;
  };

  it('seeds the default folder from the bundle once, and never copies over it again', async () => {
    const root = await project();
    const folder = resolveDataFolder(undefined, {}, root);
    const first = await prepareDataFolder(folder, root, 'read');
    expect(first).toEqual({ ok: true, value: { dir: path.join(root, 'data'), note: `data folder ${path.join(root, 'data')} seeded from the bundled content/dataset.ndjson` } });
    await writeFile(path.join(root, 'data/dataset.ndjson'), '{"_id":"mine","_type":"x"}\n');
    expect(await prepareDataFolder(folder, root, 'write')).toEqual({ ok: true, value: { dir: path.join(root, 'data'), note: null } });
    expect(await readFile(path.join(root, 'data/dataset.ndjson'), 'utf8')).toContain('mine');
    expect(await readFile(path.join(root, 'content/dataset.ndjson'), 'utf8')).toContain('bundled');
  });

  it('refuses an explicit folder without a dataset for reading, naming it; creates it for writing', async () => {
    const root = await project();
    const typo = path.join(root, 'contnet');
    const read = await prepareDataFolder({ dir: typo, explicit: true }, root, 'read');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatchObject({ code: 'data_folder_empty', message: expect.stringContaining(`${typo}: no dataset.ndjson`) });
    expect(existsSync(typo)).toBe(false);
    const write = await prepareDataFolder({ dir: typo, explicit: true }, root, 'write');
    expect(write.ok && write.value.note).toBe(`new data folder ${typo}: the ingest creates its dataset`);
    expect(existsSync(path.join(typo, 'dataset.ndjson'))).toBe(false);
  });
});
