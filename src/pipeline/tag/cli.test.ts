import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const input = readFileSync(new URL('./testdata/items.jsonl', import.meta.url), 'utf8');
const classify = (stdin: string) =>
  spawnSync(process.execPath, ['scripts/classify.ts'], { cwd: root, input: stdin, encoding: 'utf8' });

describe('npm run classify', () => {
  it('writes one line per input line, in order, with the fields of issue 3', () => {
    const run = classify(input);
    expect(run.status).toBe(0);
    const out = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(out.map((line) => line.id)).toEqual(['t1', 't2', 't3', 't4']);
    for (const line of out) expect(Object.keys(line)).toEqual(['id', 'lang', 'health', 'categories', 'regions', 'cluster', 'evidence']);
    expect(out[0]).toMatchObject({ lang: 'ru', health: true, regions: ['murmansk'], cluster: 't1' });
    expect(out[0].categories).toContain('infrastructure');
    // The English report of the same opening is grouped with the earlier Russian one.
    expect(out[1]).toMatchObject({ lang: 'en', health: true, cluster: 't1' });
    expect(out[2]).toMatchObject({ health: false, categories: [], cluster: 't3' });
    expect(out[3]).toMatchObject({ lang: 'uk', health: true });
    expect(out[0].evidence.health.terms.length).toBeGreaterThan(0);
  });

  it('reports a bad line on its own output line and on stderr, then exits 1', () => {
    const run = classify(`${input.split('\n')[0]}\n{"id":"x"}\n`);
    expect(run.status).toBe(1);
    const out = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ line: 2, error: { code: 'line_invalid' } });
    expect(run.stderr).toMatch(/line 2: title/);
  });

  it('exits 2 when the rules do not load', () => {
    const run = spawnSync(process.execPath, ['scripts/classify.ts', '--rules', 'no/such/dir'], { cwd: root, input, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/rules_unreadable/);
  });
});

describe('npm run eval', () => {
  it('prints the table and the machine-readable report for a labelled file', () => {
    const labelled = input
      .trim()
      .split('\n')
      .slice(0, 3)
      .map((line, index) => {
        const item = JSON.parse(line);
        return JSON.stringify({
          ...item,
          lang: index === 1 ? 'en' : 'ru',
          categories: index === 2 ? [] : ['infrastructure'],
          regions: ['murmansk'],
          health: index !== 2,
          story: index === 2 ? null : 's1',
        });
      })
      .join('\n');
    const path = join(mkdtempSync(join(tmpdir(), 'eval-')), 'labelled.jsonl');
    writeFileSync(path, labelled);
    const json = JSON.parse(
      execFileSync(process.execPath, ['scripts/eval.ts', path, '--json', '--rounds', '1'], { cwd: root, encoding: 'utf8' }),
    );
    expect(json.items).toBe(3);
    expect(json.language.accuracy).toBe(1);
    expect(json.health.accuracy).toBe(1);
    expect(json.duplicates).toMatchObject({ goldPairs: 1, tp: 1 });
    expect(json.throughput.tagging).toBeGreaterThan(0);
    expect(json.throughput.withLanguage).toBeGreaterThan(0);
    expect(json.throughput.runs.tagging).toHaveLength(5);
    expect(json.throughput.tagging).toBeGreaterThanOrEqual(Math.min(...json.throughput.runs.tagging));
    expect(json.throughput.tagging).toBeLessThanOrEqual(Math.max(...json.throughput.runs.tagging));
    expect(json.crossValidated).toBe(false);
    const table = execFileSync(process.execPath, ['scripts/eval.ts', path, '--rounds', '0'], { cwd: root, encoding: 'utf8' });
    expect(table).toMatch(/task micro F1/);
    expect(table).toMatch(/duplicate-pair F1/);
    expect(table).toMatch(/most confused task pairs/);
  });

  it('exits 2 on a bad labelled line, naming the line', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'eval-')), 'bad.jsonl');
    writeFileSync(path, '{"id":"x"}\n');
    const run = spawnSync(process.execPath, ['scripts/eval.ts', path], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/line 1/);
  });
});
