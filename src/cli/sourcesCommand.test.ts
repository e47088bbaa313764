import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourcesCommand } from './sourcesCommand.ts';

const root = path.resolve(import.meta.dirname, '../..');
const OPML = path.join(root, 'src/pipeline/sources/testdata/subscriptions.opml');

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await sourcesCommand(argv, root, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now: () => new Date('2026-12-07T12:00:00Z'),
  });
  return { code, stdout, stderr };
}

async function copyOfSources(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sources-'));
  const file = path.join(dir, 'sources.json');
  await copyFile(path.join(root, 'content/sources.json'), file);
  return file;
}

describe('npm run sources', () => {
  it('imports an OPML file: new sources appended, disabled; a second import skips them all', async () => {
    const file = await copyOfSources();
    const before = JSON.parse(await readFile(file, 'utf8'));
    const first = await run(['import', OPML, '--sources', file, '--language', 'en']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`13 added, 0 skipped: ${file}`);
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(after.sources.slice(0, before.sources.length)).toEqual(before.sources);
    expect(after.sources.slice(before.sources.length).every((source: { enabled: boolean; language: string }) => !source.enabled && source.language === 'en')).toBe(true);
    const second = await run(['import', OPML, '--sources', file]);
    expect(second.stdout).toContain('0 added, 13 skipped\n');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(after);
  });

  it('writes nothing on a dry run', async () => {
    const file = await copyOfSources();
    const before = await readFile(file, 'utf8');
    const result = await run(['import', OPML, '--sources', file, '--dry-run']);
    expect(result.stdout).toContain('13 added, 0 skipped (dry run: nothing written)');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it.each([
    [['import'], /opml/],
    [['import', OPML, '--language', 'fr'], /language/],
    [['import', OPML, '--region', 'atlantis'], /region/],
    [['frobnicate'], /action/],
  ])('%j → exit 2 naming the problem', async (argv, message) => {
    const file = await copyOfSources();
    const before = await readFile(file, 'utf8');
    const result = await run([...argv, '--sources', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses a file that is not OPML', async () => {
    const file = await copyOfSources();
    const notOpml = path.join(path.dirname(file), 'feed.opml');
    await writeFile(notOpml, '<rss version="2.0"><channel><title>t</title></channel></rss>');
    const result = await run(['import', notOpml, '--sources', file]);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('not an OPML document') });
  });

  it('exports the sources with a feed as OPML', async () => {
    const result = await run(['export']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<opml version="2.0">/);
    expect(result.stdout).toContain('xmlUrl="https://tass.com/rss/v2.xml"');
    expect(result.stdout).not.toContain('minzdrav.lpr-reg.ru/"');
  });
});
