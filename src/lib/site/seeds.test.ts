import { describe, expect, it } from 'vitest';
import taxonomy from '../../../content/taxonomy.json' with { type: 'json' };
import { parseSeeds, SEED_DOCUMENTS, seedReferences } from './seeds.ts';

describe('parseSeeds', () => {
  it.each([
    ['000 §1; 002; 001 —', [{ code: '000', sections: ['§1'] }, { code: '002', sections: [] }, { code: '001', sections: [] }]],
    ['003 1); 003 1г; 002 (gene dermatoses centre)', [{ code: '003', sections: ['1)', '1г'] }, { code: '002', sections: ['(gene dermatoses centre)'] }]],
    ['001 §1, §2, §6', [{ code: '001', sections: ['§1', '§2', '§6'] }]],
    ['003 2), 2в', [{ code: '003', sections: ['2)', '2в'] }]],
    ['', []],
    [null, []],
    ['see the about page', []],
  ])('%j', (seeds, expected) => {
    expect(parseSeeds(seeds)).toEqual(expected);
  });
});

describe('seedReferences', () => {
  it('names documents and sections in the page language, with no codes or dashes left', () => {
    const ru = seedReferences('000 §1; 002; 001 —', 'ru');
    expect(ru.map((ref) => ref.title)).toEqual([
      'Роль местного самоуправления в медицинской отрасли и стратегические задачи Сети медицинских кластеров',
      'Развитие медицины в Луганске',
      'Роль гражданского общества в медицинской отрасли и стратегические задачи Сети медицинских кластеров',
    ]);
    expect(ru[0]!.sections).toEqual([{ text: 'п. 1, «Развитие инфраструктуры»', known: true }]);
    const en = seedReferences('003 1); 003 1г; 002 (gene dermatoses centre)', 'en');
    expect(en[0]!.sections.map((section) => section.text)).toEqual(['task 1, developing centres of specialised, including high-tech, care', 'measure 1г, the oncology and nuclear medicine centre, Russia’s first proton therapy centre']);
    expect(seedReferences('002 (gene dermatoses centre)', 'ru')[0]!.sections[0]!.text).toBe('сообщение об открытии центра генных дерматозов');
  });

  it('keeps an unknown document or section visible as written', () => {
    expect(seedReferences('009 §3; 000 §99', 'en')).toEqual([
      { code: '009', title: '009', kind: null, sections: [{ text: '§3', known: false }], known: false },
      expect.objectContaining({ code: '000', known: true, sections: [{ text: '§99', known: false }] }),
    ]);
  });

  it('has a readable name in both languages for every section the taxonomy cites', () => {
    for (const task of taxonomy.tasks) {
      for (const lang of ['ru', 'en'] as const) {
        const refs = seedReferences(task.seeds, lang);
        expect(refs.length, task.id).toBeGreaterThan(0);
        for (const ref of refs) {
          expect(ref.known, `${task.id} ${ref.code}`).toBe(true);
          for (const section of ref.sections) expect(section.known, `${task.id} ${ref.code} ${section.text}`).toBe(true);
        }
      }
    }
    expect(SEED_DOCUMENTS.map((document) => document.code)).toEqual(['000', '001', '002', '003', '004']);
  });
});
