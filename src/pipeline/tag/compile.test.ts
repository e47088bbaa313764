import { readFileSync } from 'node:fs';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTagRules, placeAdjectives } from './compile.ts';
import { loadTagRules, readTagRules } from './load.ts';
import type { TagRulesJson } from './rules.ts';

const rulesDir = new URL('../../../content/rules', import.meta.url).pathname;
const taxonomy = JSON.parse(readFileSync(new URL('../../../content/taxonomy.json', import.meta.url), 'utf8')) as {
  tasks: { id: string }[];
  regions: { id: string }[];
};

const minimal = (): TagRulesJson => ({
  settings: {
    titleBoost: 2,
    confidenceScale: 3,
    health: { threshold: 2 },
    tasks: { minScore: 2, relativeToTop: 0.5, max: 2, fallbackMinScore: 0.5 },
    regions: { minScore: 2, relativeToTop: 0.2, sourcePrior: 2 },
  },
  health: { terms: { ru: { больница: 2 }, en: { hospital: 2 } } },
  localCues: { terms: { ru: { областной: 1 } } },
  tasks: [{ file: 'tasks/infrastructure.json', json: { id: 'infrastructure', terms: { ru: { ремонт: 2 } } } }],
  regions: [{ file: 'regions/murmansk.json', json: { id: 'murmansk', terms: { ru: { мурманск: 3 } } } }],
});

describe('the shipped rules', () => {
  it('load and compile', () => {
    const loaded = loadTagRules(rulesDir);
    expect(loaded.ok).toBe(true);
  });

  it('have one task file per taxonomy task and one region file per taxonomy region', () => {
    const loaded = loadTagRules(rulesDir);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect([...loaded.value.taskIds].sort()).toEqual(taxonomy.tasks.map((task) => task.id).sort());
    expect([...loaded.value.regionIds].sort()).toEqual(taxonomy.regions.map((region) => region.id).sort());
  });
});

describe('compileTagRules', () => {
  it('compiles a minimal rule set', () => {
    const compiled = compileTagRules(minimal());
    expect(compiled.ok).toBe(true);
    if (compiled.ok) expect(compiled.value.taskIds).toEqual(['infrastructure']);
  });

  const broken: [string, (json: TagRulesJson) => void, RegExp][] = [
    ['a weight that is not a number', (json) => ((json.health as any).terms.ru.больница = 'high'), /health\.json: terms\.ru\.больница/],
    ['an unknown key', (json) => ((json.settings as any).titelBoost = 2), /settings\.json: .*titelBoost/],
    ['a missing setting', (json) => delete (json.settings as any).health, /settings\.json: health/],
    ['a term with stray spaces', (json) => ((json.health as any).terms.ru['больница '] = 1), /health\.json: terms\.ru\.больница /],
    ['a star inside a word', (json) => ((json.tasks[0]!.json as any).terms.ru['ре*монт'] = 1), /tasks\/infrastructure\.json: terms\.ru\["ре\*монт"\]/],
    ['a regex that does not compile', (json) => ((json.health as any).patterns = [{ pattern: '(', weight: 1 }]), /health\.json: patterns\[0\]/],
    ['a bad region id', (json) => ((json.regions[0]!.json as any).id = 'Murmansk Oblast'), /regions\/murmansk\.json: id/],
    ['the same task id twice', (json) => json.tasks.push({ file: 'tasks/copy.json', json: json.tasks[0]!.json }), /tasks\/copy\.json: id: "infrastructure" is already defined in tasks\/infrastructure\.json/],
  ];
  it.each(broken)('rejects %s, naming the file and path', (_why, breakIt, message) => {
    const json = minimal();
    breakIt(json);
    const compiled = compileTagRules(json);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) {
      expect(compiled.error.code).toBe('rules_invalid');
      expect(compiled.error.message).toMatch(message);
    }
  });
});

describe('readTagRules', () => {
  it('names the file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tag-rules-'));
    mkdirSync(join(dir, 'tasks'));
    mkdirSync(join(dir, 'regions'));
    writeFileSync(join(dir, 'settings.json'), '{}');
    writeFileSync(join(dir, 'health.json'), '{ not json');
    const read = readTagRules(dir);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.error.code).toBe('rules_invalid');
      expect(read.error.message).toMatch(/^health\.json: not JSON/);
    }
  });

  it('names a missing folder', () => {
    const read = readTagRules(join(tmpdir(), 'no-such-rules-dir'));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.code).toBe('rules_unreadable');
  });
});

describe('placeAdjectives: the adjectives of a region file\'s place names', () => {
  it.each([
    ['карабаш', 'карабашск*'],
    ['енакиево', 'енакиевск*'],
    ['мариуполь', 'мариупольск*'],
    ['новопсков', 'новопсковск*'],
  ])('%s gives %s', (name, adjective) => {
    expect(placeAdjectives({ ru: { [name]: 2.5 } }).ru).toHaveProperty([adjective], 2.5);
  });

  it.each([
    ['a name that is already an adjective stem', { ru: { луганск: 3, челябинский: 3 } }],
    ['phrases, prefixes, exact words and negative weights', { ru: { 'красный луч': 2.5, 'кыштымск*': 2.5, '=снежное': 2.5, 'федеральный центр': -1 } }],
    ['short names', { ru: { аша: 2 } }],
    ['other languages', { en: { lugansk: 3 } }],
  ])('leaves out %s', (_, terms) => {
    expect(placeAdjectives(terms).ru).toEqual({});
  });
});
