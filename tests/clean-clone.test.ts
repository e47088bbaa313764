import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The data folder keeps live data out of the tracked files: in a fresh clone,
// each command below leaves `git status` clean (the dataset, the images, the
// service's state and the site all go to ignored folders). One clone, the
// commands in order as a new user runs them; only the bundled sample feed
// `demo-tass-en` is fetched, so nothing reaches the network. `npm test` is
// checked the same way by .ci/run. `npm run studio`, which runs until it is
// stopped, is started, used once (its API asked for the Inbox) and stopped.

const ROOT = path.resolve(import.meta.dirname, '..');
const COMMANDS: { name: string; args: string[] }[] = [
  { name: 'npm start -- --no-serve', args: ['scripts/start.ts', '--no-serve', '--only', 'demo-tass-en'] },
  { name: 'npm run ingest', args: ['scripts/ingest.ts', '--sources', 'content/demo/sources.json', '--only', 'demo-tass-en'] },
  { name: 'npm run retag', args: ['scripts/retag.ts'] },
  { name: 'npm run build', args: ['scripts/build-site.ts'] },
];

let clone: string | undefined;
afterAll(async () => {
  if (clone) await rm(path.dirname(clone), { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' });

function run(cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', MEDCLUSTERS_DATA_DIR: '', MEDCLUSTERS_IMAGES: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Starts a long-running command, waits until it prints its URL, asks `request` of it, then stops it with SIGTERM. */
function runUntilUrl(cwd: string, args: string[], request: string): Promise<{ code: number | null; output: string; status: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, MEDCLUSTERS_DATA_DIR: '', DO_NOT_TRACK: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let status: number | null = null;
    let asked = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (url && !asked) {
        asked = true;
        void fetch(`${url}${request}`)
          .then((response) => (status = response.status))
          .catch(() => undefined)
          .finally(() => child.kill('SIGTERM'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolve({ code, output, status }));
  });
}

describe.skipIf(git(ROOT, 'rev-parse', '--git-dir').status !== 0)('a clean clone stays clean', () => {
  it('after start, ingest, retag and build, git status shows nothing and the data went to data/', async () => {
    clone = path.join(await mkdtemp(path.join(os.tmpdir(), 'medclusters-clone-')), 'repo');
    expect(git(ROOT, 'clone', '--quiet', '--no-hardlinks', ROOT, clone).status).toBe(0);
    // The installed packages are shared, not reinstalled: the link is the test's, so git is told to ignore it.
    await symlink(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    await appendFile(path.join(clone, '.git/info/exclude'), '/node_modules\n');
    for (const command of COMMANDS) {
      const { code, output } = await run(clone, command.args);
      expect(code, `${command.name}:\n${output.slice(-2000)}`).toBe(0);
      expect(git(clone, 'status', '--porcelain', '--untracked-files=all').stdout, `after ${command.name}`).toBe('');
    }
    expect(existsSync(path.join(clone, 'data/dataset.ndjson'))).toBe(true);
    expect(existsSync(path.join(clone, 'dist/client/ru/index.html'))).toBe(true);
    // The studio (built into its ignored folder on first use) serves its page from the data folder, and stops cleanly.
    const studio = await runUntilUrl(clone, ['scripts/studio.ts', '--port', '0'], '/structure/inbox');
    expect(studio.status, `npm run studio:\n${studio.output.slice(-2000)}`).toBe(200);
    expect(git(clone, 'status', '--porcelain', '--untracked-files=all').stdout, 'after npm run studio').toBe('');
  }, 420_000);
});
