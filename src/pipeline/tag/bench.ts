import type { Tagger } from './batch.ts';
import { classifyOne } from './batch.ts';
import { tagItem } from './tagItem.ts';

export type TaggerThroughput = {
  /** The tag stage alone (health, tasks, regions, the learned layer), items per second. */
  tagging: number;
  /** Language detection and refinement, then the tag stage: what an ingest spends per item. */
  withLanguage: number;
};

/** Items per CPU second of `work` over `rounds` passes, after warm-up passes. */
function perCpuSecond(count: number, rounds: number, work: () => void): number {
  for (let warm = 0; warm < Math.min(rounds, 20); warm++) work();
  const start = process.cpuUsage();
  for (let round = 0; round < rounds; round++) work();
  const used = process.cpuUsage(start);
  return Math.round((count * rounds) / ((used.user + used.system) / 1e6));
}

/**
 * Items per second on one core of the tag stage alone and of the whole
 * per-item stage (language detection, language refinement, tagging), over
 * `rounds` passes of `items`. Measured in CPU time of this process, so that
 * other processes on a shared machine do not count against it. Story grouping
 * is batch work and is not included.
 */
export function benchTagger(items: readonly { title: string; summary: string }[], rounds: number, tagger: Tagger): TaggerThroughput {
  if (items.length === 0 || rounds < 1) return { tagging: 0, withLanguage: 0 };
  const inputs = items.map((item, index) => ({ id: String(index), title: item.title, summary: item.summary }));
  const languages = inputs.map((input) => classifyOne(input, tagger).language.language);
  const withLanguage = perCpuSecond(inputs.length, rounds, () => {
    for (const input of inputs) classifyOne(input, tagger);
  });
  const tagging = perCpuSecond(inputs.length, rounds, () => {
    inputs.forEach((input, index) =>
      tagItem({ title: input.title, summary: input.summary, language: languages[index]!, sourceRegion: null }, tagger.tagRules),
    );
  });
  return { tagging, withLanguage };
}
