import { z } from 'zod';
import { LANGUAGES, type StageError } from '../model.ts';
import type { ClassifiedItem, ClassifyInput } from './batch.ts';
import type { LabelledItem } from './metrics.ts';

const optionalText = z.string().nullable().optional();

/** One line of `npm run classify` input. Other keys are ignored. */
export const classifyLineSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  summary: z.string(),
  /** Declared language, as a source would declare it. */
  lang: z.enum(LANGUAGES).nullable().optional(),
  publishedAt: optionalText,
  link: optionalText,
  guid: optionalText,
  sourceRegion: optionalText,
});

/** One line of a labelled file (../shared/eval/README.md). Other keys are ignored. */
export const labelledLineSchema = z.object({
  id: z.string().min(1),
  lang: z.enum(LANGUAGES),
  title: z.string(),
  summary: z.string(),
  categories: z.array(z.string()),
  regions: z.array(z.string()),
  health: z.boolean(),
  story: z.string().nullable(),
  publishedAt: optionalText,
  link: optionalText,
});

export type LineError = { line: number; error: StageError };
export type ParsedLine<T> = { line: number; value: T } | LineError;

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(line)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parses JSON Lines: one result per non-blank line, in order, each either a
 * value or an error naming the line number (1-based) and the reason. Ids
 * must be unique: a repeated id is an error on its later line.
 */
export function parseJsonLines<S extends z.ZodType<{ id: string }>>(text: string, schema: S): ParsedLine<z.infer<S>>[] {
  const results: ParsedLine<z.infer<S>>[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      results.push({ line, error: { code: 'json_invalid', message: `line ${line}: not JSON: ${(error as Error).message}` } });
      return;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      results.push({ line, error: { code: 'line_invalid', message: `line ${line}: ${describe(parsed.error)}` } });
      return;
    }
    const id = parsed.data.id;
    const first = seen.get(id);
    if (first !== undefined) {
      results.push({ line, error: { code: 'duplicate_id', message: `line ${line}: id "${id}" already used on line ${first}` } });
      return;
    }
    seen.set(id, line);
    results.push({ line, value: parsed.data });
  });
  return results;
}

export const isLineError = <T>(result: ParsedLine<T>): result is LineError => 'error' in result;

export function toClassifyInput(line: z.infer<typeof classifyLineSchema>): ClassifyInput {
  return {
    id: line.id,
    title: line.title,
    summary: line.summary,
    lang: line.lang ?? null,
    publishedAt: line.publishedAt ?? null,
    link: line.link ?? null,
    guid: line.guid ?? null,
    sourceRegion: line.sourceRegion ?? null,
  };
}

export function toLabelledItem(line: z.infer<typeof labelledLineSchema>): LabelledItem {
  return {
    id: line.id,
    lang: line.lang,
    health: line.health,
    categories: line.categories,
    regions: line.regions,
    story: line.story,
  };
}

/** The output line of `npm run classify` for one item. */
export function classifiedLine(item: ClassifiedItem): Record<string, unknown> {
  const { tags, language } = item;
  const suggestions = (list: typeof tags.tasks) =>
    Object.fromEntries(list.map((entry) => [entry.id, { confidence: entry.confidence, terms: entry.evidence }]));
  return {
    id: item.id,
    lang: language.language,
    health: tags.health,
    categories: tags.tasks.map((task) => task.id),
    regions: tags.regions.map((region) => region.id),
    cluster: item.cluster,
    evidence: {
      language: { method: language.method, confidence: language.confidence },
      health: { score: tags.healthScore, terms: tags.healthEvidence },
      categories: suggestions(tags.tasks),
      regions: suggestions(tags.regions),
    },
  };
}
