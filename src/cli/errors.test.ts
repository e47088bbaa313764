import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFolds } from './cvOption.ts';

// What a person sees when a command is given something it cannot use: a
// sentence naming the argument and the reason, a non-zero exit, no stack trace.

const ROOT = path.resolve(import.meta.dirname, '../..');
const FEED = 'src/pipeline/fetch/testdata/health-feed.xml';

async function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

describe('parseFolds', () => {
  it.each([
    [undefined, null, null],
    ['5', 5, null],
    ['1', null, 'at least 2 folds'],
    ['0', null, 'at least 2 folds'],
    ['2.5', null, 'whole number'],
    ['many', null, 'whole number'],
  ])('--cv %j', (value, folds, problem) => {
    const parsed = parseFolds(value);
    if (problem === null) expect(parsed).toEqual({ ok: true, value: folds });
    else expect(parsed.ok ? '' : parsed.error.message).toContain(problem);
  });
});

describe('commands refuse with a reason', () => {
  it.each([
    ['eval', 'scripts/eval.ts', ['content/eval/holdout.jsonl', '--cv', '1'], 'eval: --cv 1: cross-validation needs at least 2 folds'],
    ['train', 'scripts/train.ts', ['--cv', '1', '--dry-run'], 'train: --cv 1: cross-validation needs at least 2 folds'],
    ['corpus-check', 'scripts/corpus-check.ts', ['no-such-corpus-folder'], 'no-such-corpus-folder does not exist: name a folder of feed files'],
  ])('%s', async (_name, script, args, message) => {
    const { code, stderr } = await run(script, args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('inspect says a folder is a folder, and exits 1 when no argument could be read', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'medclusters-inspect-'));
    const failed = await run('scripts/inspect.ts', [folder, path.join(folder, 'missing.xml')]);
    expect(failed.code).toBe(1);
    const lines = failed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { ok: boolean; error: { message: string } });
    expect(lines.map((line) => line.ok)).toEqual([false, false]);
    expect(lines[0]!.error.message).toContain('is a folder, not a feed file');
    expect(failed.stderr).toContain('none of the 2 arguments could be read as a feed');
    const mixed = await run('scripts/inspect.ts', [folder, FEED]);
    expect(mixed.code).toBe(0);
  }, 30_000);
});
