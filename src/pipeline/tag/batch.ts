import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { join } from 'node:path';
import { fail, type Language, type LanguageDecision, type Result } from '../model.ts';
import { detectLanguage } from '../language/index.ts';
import { groupStories, NOT_HEALTH_TOPIC } from '../dedupe/groupStories.ts';
import { compileStoryRules, type CompiledStoryRules } from '../dedupe/storyRules.ts';
import type { CompiledTagRules } from './compile.ts';
import { DEFAULT_RULES_DIR, loadTagRules } from './load.ts';
import { compileLanguageHints, refineLanguage, type CompiledLanguageHints } from './refineLanguage.ts';
import { toLabelledItem, type labelledLineSchema } from './jsonl.ts';
import { evaluate, type EvalReport } from './metrics.ts';
import { tagItem, type TagResult } from './tagItem.ts';

/** Everything the tag stage needs, compiled once. */
export type Tagger = {
  tagRules: CompiledTagRules;
  storyRules: CompiledStoryRules;
  languageHints: CompiledLanguageHints;
};

export type ClassifyInput = {
  id: string;
  title: string;
  summary: string;
  /** Declared language (a source's setting), if any. */
  lang?: Language | null;
  publishedAt?: string | null;
  link?: string | null;
  guid?: string | null;
  sourceRegion?: string | null;
};

export type ClassifiedItem = {
  id: string;
  language: LanguageDecision;
  tags: TagResult;
  /** Id of the earliest item of the item's story within the batch. */
  cluster: string;
};

function readJsonFile(path: string, name: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(readFileSync(path, 'utf8')) as unknown };
  } catch (error) {
    return fail('rules_unreadable', `${name}: ${(error as Error).message}`);
  }
}

/** Reads and compiles every rule file of `dir` (tag rules, story rules, language hints). */
export function loadTagger(dir: string = DEFAULT_RULES_DIR, options: { learned?: boolean } = {}): Result<Tagger> {
  const tagRules = loadTagRules(dir, options);
  if (!tagRules.ok) return tagRules;
  const storiesJson = readJsonFile(join(dir, 'stories.json'), 'stories.json');
  if (!storiesJson.ok) return storiesJson;
  const storyRules = compileStoryRules(storiesJson.value);
  if (!storyRules.ok) return storyRules;
  // The learned pair decision travels in model.json with the tag model.
  const pairModel = tagRules.value.model?.json.stories;
  if (pairModel) storyRules.value.pairModel = pairModel;
  const hintsJson = readJsonFile(join(dir, 'language-hints.json'), 'language-hints.json');
  if (!hintsJson.ok) return hintsJson;
  const languageHints = compileLanguageHints(hintsJson.value);
  if (!languageHints.ok) return languageHints;
  return { ok: true, value: { tagRules: tagRules.value, storyRules: storyRules.value, languageHints: languageHints.value } };
}

/** Language, tags and story of one item (no grouping). Pure. */
export function classifyOne(input: ClassifyInput, tagger: Tagger): { language: LanguageDecision; tags: TagResult } {
  const detected = detectLanguage({ title: input.title, summary: input.summary }, input.lang ?? null);
  const language = refineLanguage(input, detected, tagger.languageHints);
  const tags = tagItem(
    { title: input.title, summary: input.summary, language: language.language, sourceRegion: input.sourceRegion ?? null },
    tagger.tagRules,
  );
  return { language, tags };
}

/** What story grouping compares of an item's tags: non-health items are one topic of their own. */
export function storyTopics(tags: TagResult): { topics: string[]; regions: string[] } {
  return { topics: tags.health ? tags.tasks.map((task) => task.id) : [NOT_HEALTH_TOPIC], regions: tags.regions.map((region) => region.id) };
}

/** Classifies a batch; the whole batch is one pool for story grouping. Output in input order. Pure. */
export function classifyBatch(inputs: readonly ClassifyInput[], tagger: Tagger): ClassifiedItem[] {
  const classified = inputs.map((input) => ({ input, ...classifyOne(input, tagger) }));
  const clusters = groupStories(
    classified.map(({ input, language, tags }) => ({
      id: input.id,
      ...storyTopics(tags),
      title: input.title,
      summary: input.summary,
      language: language.language,
      publishedAt: input.publishedAt ?? null,
      link: input.link ?? null,
      guid: input.guid ?? null,
    })),
    tagger.storyRules,
  );
  return classified.map(({ input, language, tags }) => ({
    id: input.id,
    language,
    tags,
    cluster: clusters.get(input.id) ?? input.id,
  }));
}

/** Scores classified items against their labelled lines (same ids), as `npm run eval` reports them. Pure. */
export function evaluateClassified(lines: readonly z.infer<typeof labelledLineSchema>[], classified: readonly ClassifiedItem[], tagRules: CompiledTagRules): EvalReport {
  return evaluate(
    lines.map(toLabelledItem),
    classified.map((item) => ({
      id: item.id,
      lang: item.language.language,
      health: item.tags.health,
      categories: item.tags.tasks.map((task) => task.id),
      regions: item.tags.regions.map((region) => region.id),
      cluster: item.cluster,
    })),
    tagRules.taskIds,
    tagRules.regionIds,
  );
}
