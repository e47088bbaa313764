import { z } from 'zod';
import { fail, ok, type DetectedLanguage, type LanguageDecision, type Result } from '../model.ts';
import { normalizeWord, stemWord, tokenize } from './text.ts';

export const languageHintsSchema = z
  .object({
    $comment: z.string().optional(),
    /** Decisions at or above this confidence are left alone. */
    minConfidence: z.number().min(0).max(1),
    terms: z
      .object({
        ru: z.array(z.string().min(1)),
        en: z.array(z.string().min(1)),
        uk: z.array(z.string().min(1)),
        be: z.array(z.string().min(1)),
      })
      .strict(),
  })
  .strict();

type Hint = { kind: 'stem' | 'prefix' | 'exact'; value: string; language: DetectedLanguage };

export type CompiledLanguageHints = { minConfidence: number; hints: Hint[] };

/** Validates content/rules/language-hints.json; errors name the failing path. */
export function compileLanguageHints(json: unknown, file = 'language-hints.json'): Result<CompiledLanguageHints> {
  const parsed = languageHintsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${file}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    return fail('rules_invalid', problems.join('; '));
  }
  const hints: Hint[] = [];
  for (const language of ['ru', 'en', 'uk', 'be'] as const) {
    for (const term of parsed.data.terms[language]) {
      if (term.startsWith('=')) hints.push({ kind: 'exact', value: normalizeWord(term.slice(1)), language });
      else if (term.endsWith('*')) hints.push({ kind: 'prefix', value: normalizeWord(term.slice(0, -1)), language });
      else if (term.length <= 3) hints.push({ kind: 'exact', value: normalizeWord(term), language });
      else hints.push({ kind: 'stem', value: stemWord(normalizeWord(term)), language });
    }
  }
  return ok({ minConfidence: parsed.data.minConfidence, hints });
}

/**
 * The language stage's decision, settled by vocabulary when it was left open:
 * an `und` or low-confidence answer becomes the language whose own word forms
 * the text uses most ("лікарня" is Ukrainian, "бальніца" Belarusian). A
 * confident decision is returned as it is. Pure.
 */
export function refineLanguage(
  input: { title: string; summary: string },
  decision: LanguageDecision,
  hints: CompiledLanguageHints,
): LanguageDecision {
  if (decision.language !== 'und' && decision.confidence >= hints.minConfidence) return decision;
  const counts = new Map<DetectedLanguage, number>();
  for (const token of tokenize(`${input.title}\n${input.summary}`)) {
    const stem = stemWord(token.norm);
    // A word counts once per language, however many hints it matches.
    const languages = new Set<DetectedLanguage>();
    for (const hint of hints.hints) {
      const hit =
        hint.kind === 'exact' ? token.norm === hint.value : hint.kind === 'prefix' ? token.norm.startsWith(hint.value) : stem === hint.value;
      if (hit) languages.add(hint.language);
    }
    for (const language of languages) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || (second && second[1] === best[1])) return decision;
  if (best[0] === decision.language) return decision;
  // Two words at least, or one against nothing when the stage had no answer.
  if (best[1] < 2 && decision.language !== 'und') return decision;
  const confidence = Math.min(0.9, 0.5 + 0.1 * (best[1] - (second?.[1] ?? 0)));
  return { language: best[0], confidence: Math.round(confidence * 100) / 100, method: `${decision.method}+tag-vocabulary` };
}
