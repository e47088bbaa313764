import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildsDirOf } from '../lib/site/build/output.ts';
import { claimDataFolder, releaseDataFolder, removeUnfinishedBuilds, unfinishedBuilds } from './recover.ts';

/** The pid of a process that has exited. */
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());

describe('unfinishedBuilds', () => {
  it.each<[string, string[], string | null, string[]]>([
    ['nothing built', [], null, []],
    ['only the current and the previous build', ['20261207T100000-1-aaaa', '20261207T110000-1-bbbb', 'node_modules'], '/x/.dist-builds/20261207T110000-1-bbbb', []],
    ['a build started after the current one', ['20261207T100000-1-aaaa', '20261207T110000-1-bbbb', '20261207T120000-2-cccc'], '/x/.dist-builds/20261207T110000-1-bbbb', ['20261207T120000-2-cccc']],
    ['killed before anything was published', ['20261207T120000-2-cccc', 'node_modules'], null, ['20261207T120000-2-cccc']],
    ['the incremental cache stays', ['20261207T110000-1-bbbb', '20261207T120000-2-cccc', 'cache'], '/x/.dist-builds/20261207T110000-1-bbbb', ['20261207T120000-2-cccc']],
  ])('%s', (_name, entries, current, expected) => {
    expect(unfinishedBuilds(entries, current)).toEqual(expected);
  });
});

describe('removeUnfinishedBuilds', () => {
  it('removes the unpublished build and a stray link, keeps the site', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'medclusters-recover-'));
    const outDir = path.join(work, 'site');
    const builds = buildsDirOf(outDir);
    await mkdir(path.join(builds, '20261207T110000-1-bbbb/client'), { recursive: true });
    await mkdir(path.join(builds, '20261207T120000-2-cccc/client'), { recursive: true });
    await symlink(path.join('.site-builds', '20261207T110000-1-bbbb'), outDir);
    await symlink(path.join('.site-builds', '20261207T120000-2-cccc'), path.join(work, '.site.next-2'));
    const removed = await removeUnfinishedBuilds(outDir);
    expect(removed.map((file) => path.basename(file)).sort()).toEqual(['.site.next-2', '20261207T120000-2-cccc']);
    expect(existsSync(path.join(outDir, 'client'))).toBe(true);
  });
});

describe('claimDataFolder', () => {
  it('after a service that died: removes its dataset lock and temporary files, and records this one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-claim-'));
    await writeFile(path.join(dir, 'service.pid'), `${deadPid()}\n`);
    await writeFile(path.join(dir, 'dataset.ndjson'), '{"_id":"a","_type":"x"}\n');
    await mkdir(path.join(dir, 'dataset.ndjson.lock'));
    await writeFile(path.join(dir, 'dataset.ndjson.123456789'), 'half a dataset');
    const claim = await claimDataFolder(dir, 4242);
    expect(claim).toEqual({ ok: true, recovered: [path.join(dir, 'dataset.ndjson.lock'), path.join(dir, 'dataset.ndjson.123456789')] });
    expect(await readFile(path.join(dir, 'dataset.ndjson'), 'utf8')).toBe('{"_id":"a","_type":"x"}\n');
    expect((await readFile(path.join(dir, 'service.pid'), 'utf8')).trim()).toBe('4242');
    await releaseDataFolder(dir, 4242);
    expect(existsSync(path.join(dir, 'service.pid'))).toBe(false);
  });

  it('refuses a folder another live service holds, and touches nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-claim-'));
    await writeFile(path.join(dir, 'service.pid'), `${process.pid}\n`);
    await mkdir(path.join(dir, 'dataset.ndjson.lock'));
    const claim = await claimDataFolder(dir, 4242);
    expect(claim.ok).toBe(false);
    if (!claim.ok) expect(claim.message).toContain(`another service (pid ${process.pid})`);
    expect(existsSync(path.join(dir, 'dataset.ndjson.lock'))).toBe(true);
  });

  it('a first start: nothing to recover', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-claim-'));
    expect(await claimDataFolder(dir, 4242)).toEqual({ ok: true, recovered: [] });
  });
});
