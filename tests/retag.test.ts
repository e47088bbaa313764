import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestCommand } from '../src/cli/ingestCommand.ts';
import { retagCommand } from '../src/cli/retagCommand.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const quiet = { stdout: () => undefined, stderr: () => undefined, isTTY: false };

describe('npm run retag', () => {
  it('re-applies the language stage and the rules to stored items without touching editor fields', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'retag-'));
    expect(await ingestCommand(['--sources', path.join(ROOT, 'content/demo/sources.json'), '--data', dir], ROOT, quiet)).toBe(0);
    const file = path.join(dir, 'dataset.ndjson');
    const original = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    const target = original.find((document) => document._type === 'newsItem' && document.health === true && document.suggestedTasks.length > 0);
    // As if the item had been tagged by older rules and language hints, then curated by an editor.
    const stale = original.map((document) =>
      document._id === target._id
        ? { ...document, language: 'und', languageConfidence: 0, languageMethod: 'und:too-short', health: false, suggestedTasks: [], suggestedRegions: [], reviewStatus: 'approved', confirmedTasks: [{ _type: 'reference', _ref: 'task-policy', _key: 'policy' }] }
        : document,
    );
    await writeFile(file, `${stale.map((document) => JSON.stringify(document)).join('\n')}\n`);

    const out: string[] = [];
    expect(await retagCommand(['--data', dir], ROOT, { stdout: (t) => void out.push(t), stderr: () => undefined })).toBe(0);
    expect(out.join('')).toMatch(/language or tags changed on 1,/);
    const after = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    const retagged = after.find((document) => document._id === target._id);
    expect(retagged.suggestedTasks).toEqual(target.suggestedTasks);
    expect([retagged.language, retagged.languageConfidence, retagged.languageMethod]).toEqual([target.language, target.languageConfidence, target.languageMethod]);
    expect(target.language).not.toBe('und');
    expect(retagged.health).toBe(true);
    expect(retagged.reviewStatus).toBe('approved');
    expect(retagged.confirmedTasks).toEqual([{ _type: 'reference', _ref: 'task-policy', _key: 'policy' }]);
    // Nothing else moved.
    expect(after.filter((document) => document._id !== target._id)).toEqual(original.filter((document) => document._id !== target._id));
  });

  it('exits 2 on a rules folder that is not valid', async () => {
    const err: string[] = [];
    expect(await retagCommand(['--rules', path.join(ROOT, 'content/demo')], ROOT, { stdout: () => undefined, stderr: (t) => void err.push(t) })).toBe(2);
    expect(err.join('')).toContain('bad rules');
  });
});
