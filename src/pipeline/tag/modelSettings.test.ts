import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_OPTIONS } from './train.ts';
import { DEFAULT_PAIR_OPTIONS } from './trainTagger.ts';
import { settingsChanges, type ModelSettings } from './modelSettings.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const base: ModelSettings = { files: ['a.jsonl', 'b.jsonl'], options: DEFAULT_TRAIN_OPTIONS, pairs: DEFAULT_PAIR_OPTIONS };

describe('settingsChanges', () => {
  it.each([
    ['the same settings', base, []],
    ['another file', { ...base, files: ['a.jsonl', 'c.jsonl'] }, ['trained also on c.jsonl', 'no longer trained on b.jsonl']],
    ['more tasks per item', { ...base, options: { ...base.options, selection: { ...base.options.selection, maxTasks: 5 } } }, [`max tasks per item ${DEFAULT_TRAIN_OPTIONS.selection.maxTasks} → 5`]],
    ['another l2 and pair threshold', { ...base, options: { ...base.options, l2: 0.5 }, pairs: { ...base.pairs, threshold: 0.9 } }, [`l2 ${DEFAULT_TRAIN_OPTIONS.l2} → 0.5`, `story pair threshold ${DEFAULT_PAIR_OPTIONS.threshold} → 0.9`]],
  ] as const)('%s', (_name, next, expected) => {
    expect(settingsChanges(base, next as ModelSettings)).toEqual(expected);
  });
});

async function train(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['scripts/train.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output };
}

describe('npm run train', () => {
  it('without options trains the model in place again, byte for byte; other files are listed as a change', async () => {
    // A copy of the rules with a small model of its own, so the run stays short and the shipped model untouched.
    const rules = path.join(await mkdtemp(path.join(os.tmpdir(), 'medclusters-train-')), 'rules');
    await cp(path.join(ROOT, 'content/rules'), rules, { recursive: true });
    const first = await train(['content/eval/tune.jsonl', '--rules', rules]);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/changes against .*model\.json:/);
    expect(first.output).toContain('no longer trained on ../shared/eval/dev.jsonl');
    const small = await readFile(path.join(rules, 'model.json'), 'utf8');
    const again = await train(['--rules', rules]);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain('the model is trained as it was');
    expect(await readFile(path.join(rules, 'model.json'), 'utf8')).toBe(small);
  }, 120_000);
});
