import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LanguageDecision } from '../model.ts';
import { compileLanguageHints, refineLanguage } from './refineLanguage.ts';

const compiled = compileLanguageHints(
  JSON.parse(readFileSync(new URL('../../../content/rules/language-hints.json', import.meta.url), 'utf8')),
);
if (!compiled.ok) throw new Error(compiled.error.message);
const hints = compiled.value;

const und: LanguageDecision = { language: 'und', confidence: 0, method: 'und:too-short' };
const weakRu: LanguageDecision = { language: 'ru', confidence: 0.4, method: 'franc' };
const sureRu: LanguageDecision = { language: 'ru', confidence: 0.95, method: 'script:ru-letters' };

describe('refineLanguage', () => {
  it.each([
    ['Лікарня', 'und settled by a Ukrainian health word', und, 'uk'],
    ['Бальніца', 'und settled by a Belarusian health word', und, 'be'],
    ['Hospital', 'und settled by an English word', und, 'en'],
    ['Лікарня та поліклініка: що змінилося', 'a weak decision overruled by two Ukrainian words', weakRu, 'uk'],
    ['Лікарня', 'a weak decision kept against a single word', weakRu, 'ru'],
    ['Лікарня та лікар', 'a confident decision is never touched', sureRu, 'ru'],
    ['12:30', 'no words: the decision stays', und, 'und'],
  ] as const)('%s: %s', (title, _why, decision, expected) => {
    expect(refineLanguage({ title, summary: '' }, decision, hints).language).toBe(expected);
  });

  it('says how it decided', () => {
    const refined = refineLanguage({ title: 'Лікарня', summary: '' }, und, hints);
    expect(refined.method).toBe('und:too-short+tag-vocabulary');
    expect(refined.confidence).toBeGreaterThan(0);
    expect(refined.confidence).toBeLessThan(1);
  });

  it('rejects a hints file with a missing language, naming the path', () => {
    const bad = compileLanguageHints({ minConfidence: 0.5, terms: { ru: [], en: [], uk: [] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/language-hints\.json: terms\.be/);
  });
});
