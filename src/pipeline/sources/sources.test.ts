import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isIanaTimeZone, loadSources, parseSources, REGION_TIME_ZONES } from './sources.ts';

const good = {
  id: 'lnr-minzdrav',
  name: { ru: 'Минздрав ЛНР', en: 'LPR Ministry of Health' },
  siteUrl: 'https://minzdrav.example/',
  feedUrl: 'https://minzdrav.example/rss.xml',
  region: 'luhansk',
  language: 'ru',
};

describe('parseSources', () => {
  it('accepts a valid source and fills defaults', () => {
    const result = parseSources({ sources: [good] }, 'sources.json');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value[0]).toMatchObject({ enabled: true, sample: false });
  });

  it.each([
    ['bad id', { ...good, id: 'Bad Id' }, 'sources[0].id'],
    ['missing English name', { ...good, name: { ru: 'Минздрав' } }, 'sources[0].name.en'],
    ['relative site URL', { ...good, siteUrl: 'minzdrav.example' }, 'sources[0].siteUrl'],
    ['ftp feed', { ...good, feedUrl: 'ftp://x/feed' }, 'sources[0].feedUrl'],
    ['unknown region', { ...good, region: 'moscow' }, 'sources[0].region'],
    ['unknown language', { ...good, language: 'de' }, 'sources[0].language'],
    ['enabled without feed', { ...good, feedUrl: null }, 'sources[0].feedUrl'],
    ['unknown field', { ...good, feed: 'x' }, 'sources[0]'],
    ['pollInterval of zero', { ...good, pollInterval: 0 }, 'sources[0].pollInterval'],
    ['pollInterval in seconds by mistake', { ...good, pollInterval: 3600 }, 'sources[0].pollInterval'],
    ['fractional pollInterval', { ...good, pollInterval: 2.5 }, 'sources[0].pollInterval'],
  ])('names the failing field: %s', (_name, source, fieldPath) => {
    const result = parseSources({ sources: [source] }, 'content/sources.json');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('sources_invalid');
      expect(result.error.message).toContain('content/sources.json');
      expect(result.error.message).toContain(fieldPath);
    }
  });

  it('keeps a pollInterval in minutes', () => {
    const result = parseSources({ sources: [{ ...good, pollInterval: 30 }] }, 's.json');
    expect(result.ok && result.value[0]!.pollInterval).toBe(30);
  });

  it('refuses duplicate ids, naming the second', () => {
    const result = parseSources({ sources: [good, good] }, 's.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('sources[1].id');
  });

  it('accepts a disabled source without a feed URL when it says why', () => {
    const result = parseSources({ sources: [{ ...good, feedUrl: null, enabled: false, note: 'no feed found' }] }, 's.json');
    expect(result.ok).toBe(true);
  });
});

describe('time zones', () => {
  it.each([
    ['the region default: Chelyabinsk', { region: 'chelyabinsk' }, 'Asia/Yekaterinburg'],
    ['the region default: Murmansk', { region: 'murmansk' }, 'Europe/Moscow'],
    ['the region default: Minsk', { region: 'belarus' }, 'Europe/Minsk'],
    ['a source of its own zone', { region: 'federal', timeZone: 'Asia/Yekaterinburg' }, 'Asia/Yekaterinburg'],
    ['no region, no zone', { region: null }, null],
    ['no region, a zone', { region: null, timeZone: 'Europe/Moscow' }, 'Europe/Moscow'],
  ])('%s', (_name, fields, timeZone) => {
    const result = parseSources({ sources: [{ ...good, ...fields }] }, 's.json');
    expect(result.ok && result.value[0]!.timeZone).toBe(timeZone);
  });

  it.each(['Moscow', 'Europe/Mowscow', '+03:00', 'MSK', ''])('refuses %j, naming the field', (timeZone) => {
    const result = parseSources({ sources: [{ ...good, timeZone }] }, 's.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('sources[0].timeZone');
  });

  it('every taxonomy region has an IANA time zone', () => {
    for (const [region, timeZone] of REGION_TIME_ZONES) expect(isIanaTimeZone(timeZone), region).toBe(true);
    expect(REGION_TIME_ZONES.get('chelyabinsk')).toBe('Asia/Yekaterinburg');
  });
});

describe('loadSources', () => {
  it.each([
    ['a relative file: path is fetched from the sources file folder', 'file:feeds/a.xml', (dir: string) => `file://${dir}/feeds/a.xml`],
    ['an absolute file: URL as it is', 'file:///srv/feeds/a.xml', () => 'file:///srv/feeds/a.xml'],
    ['an http URL as it is', 'https://example.org/rss', () => 'https://example.org/rss'],
  ])('%s, and feedUrl stays as written', async (_name, feedUrl, fetchUrl) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sources-'));
    const file = path.join(dir, 'sources.json');
    await writeFile(file, JSON.stringify({ sources: [{ ...good, feedUrl }] }));
    const result = await loadSources(file);
    expect(result.ok && result.value[0]).toMatchObject({ feedUrl, fetchUrl: fetchUrl(dir) });
  });

  it.each([
    ['missing file', null, 'sources_unreadable'],
    ['not JSON', '{"sources": [', 'sources_not_json'],
  ])('fails with a code for %s', async (_name, content, code) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sources-'));
    const file = path.join(dir, 'sources.json');
    if (content !== null) await writeFile(file, content);
    const result = await loadSources(file);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toContain(file);
    }
  });

  it.each(['content/sources.json', 'content/demo/sources.json'])('the bundled %s is valid', async (file) => {
    const result = await loadSources(path.resolve(import.meta.dirname, '../../..', file));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.length).toBeGreaterThan(0);
  });
});

describe('content/sources.json notes', () => {
  const file = JSON.parse(readFileSync(new URL('../../../content/sources.json', import.meta.url), 'utf8')) as {
    sources: { id: string; feedUrl: string | null; enabled: boolean; note?: string }[];
  };
  it.each(file.sources.map((source) => [source.id, source] as const))('%s: says where the address is documented, in terms a maintainer can check', (_id, source) => {
    const note = source.note ?? '';
    expect(note.length).toBeGreaterThan(40);
    // Identifiers of the tools that found an address mean nothing to whoever checks it later.
    expect(note).not.toMatch(/index file id|\bfile id\b|find_string|\bthe index\b|stored (?:web )?(?:page|copy|copies)|seed text|\bhits?\b/i);
    // A source without a confirmed feed says how to find one; the others name a page, a path or a project.
    if (source.feedUrl === null) expect(note).toMatch(/npm run --silent inspect -- https?:\/\//);
    else expect(note).toMatch(/home page|page|GitHub|public|lists?/i);
  });
});
