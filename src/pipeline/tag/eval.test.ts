import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyBatch, loadTagger } from './batch.ts';
import { isLineError, labelledLineSchema, parseJsonLines, toLabelledItem } from './jsonl.ts';
import { evaluate } from './metrics.ts';
import { TARGETS } from './report.ts';

const tagger = loadTagger(fileURLToPath(new URL('../../../content/rules', import.meta.url)));
if (!tagger.ok) throw new Error(tagger.error.message);

const dev = fileURLToPath(new URL('../../../../shared/eval/dev.jsonl', import.meta.url));

// The measurement of issue 3, when the shared evaluation set is present.
describe.skipIf(!existsSync(dev))('../shared/eval/dev.jsonl', () => {
  it('meets the quality targets', () => {
    const lines = parseJsonLines(readFileSync(dev, 'utf8'), labelledLineSchema);
    const items = lines.flatMap((line) => (isLineError(line) ? [] : [line.value]));
    expect(items.length).toBe(lines.length);
    const classified = classifyBatch(
      items.map((item) => ({ id: item.id, title: item.title, summary: item.summary, publishedAt: item.publishedAt ?? null })),
      tagger.value,
    );
    const report = evaluate(
      items.map(toLabelledItem),
      classified.map((item) => ({
        id: item.id,
        lang: item.language.language,
        health: item.tags.health,
        categories: item.tags.tasks.map((task) => task.id),
        regions: item.tags.regions.map((region) => region.id),
        cluster: item.cluster,
      })),
      tagger.value.tagRules.taskIds,
      tagger.value.tagRules.regionIds,
    );
    expect(report.tasks.micro.f1).toBeGreaterThanOrEqual(TARGETS.taskMicroF1);
    expect(report.regions.micro.f1).toBeGreaterThanOrEqual(TARGETS.regionF1);
    expect(report.language.accuracy).toBeGreaterThanOrEqual(TARGETS.languageAccuracy);
    expect(report.health.accuracy).toBeGreaterThanOrEqual(TARGETS.healthAccuracy);
    expect(report.duplicates.f1).toBeGreaterThanOrEqual(TARGETS.duplicateF1);
  });
});
