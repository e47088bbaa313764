import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countItemPages, shrinkRefusal } from './shrink.ts';

describe('shrinkRefusal', () => {
  it.each<[string, number | null, number, boolean]>([
    ['no live site yet', null, 0, false],
    ['a small live site may empty', 19, 0, false],
    ['growth', 246, 250, false],
    ['half kept', 246, 123, false],
    ['most items gone', 246, 122, true],
    ['an empty build over a live site', 246, 0, true],
  ])('%s', (_name, live, next, refused) => {
    const refusal = shrinkRefusal(live, next);
    expect(refusal !== null).toBe(refused);
    if (refusal) expect(refusal).toContain(`shows ${next} items where the live site shows ${live}`);
  });
});

describe('countItemPages', () => {
  it('counts the item folders of a build, null without one', async () => {
    const build = await mkdtemp(path.join(os.tmpdir(), 'medclusters-shrink-'));
    expect(await countItemPages(build)).toBeNull();
    for (const slug of ['a-1', 'b-2', 'c-3']) await mkdir(path.join(build, 'client/ru/news', slug), { recursive: true });
    expect(await countItemPages(build)).toBe(3);
    expect(await countItemPages(null)).toBeNull();
  });
});
