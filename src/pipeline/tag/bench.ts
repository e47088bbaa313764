import type { Tagger } from './batch.ts';
import { classifyOne } from './batch.ts';
import { tagItem } from './tagItem.ts';

export type TaggerThroughput = {
  /** The tag stage alone (health, tasks, regions, the learned layer), items per second. */
  tagging: number;
  /** Language detection and refinement, then the tag stage: what an ingest spends per item. */
  withLanguage: number;
  /** Every run's figure; `tagging` and `withLanguage` are their medians. */
  runs: { tagging: number[]; withLanguage: number[] };
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
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
 * `rounds` passes of `items`, `repetitions` times: the median of the runs,
 * since one run on a shared virtual machine can be a third off either way.
 * Measured in CPU time of this process, so that other processes do not count
 * against it. Story grouping is batch work and is not included.
 */
export function benchTagger(
  items: readonly { title: string; summary: string }[],
  rounds: number,
  tagger: Tagger,
  repetitions = 5,
): TaggerThroughput {
  if (items.length === 0 || rounds < 1) return { tagging: 0, withLanguage: 0, runs: { tagging: [], withLanguage: [] } };
  const inputs = items.map((item, index) => ({ id: String(index), title: item.title, summary: item.summary }));
  const languages = inputs.map((input) => classifyOne(input, tagger).language.language);
  const runs: TaggerThroughput['runs'] = { tagging: [], withLanguage: [] };
  for (let run = 0; run < Math.max(1, repetitions); run++) {
    runs.withLanguage.push(
      perCpuSecond(inputs.length, rounds, () => {
        for (const input of inputs) classifyOne(input, tagger);
      }),
    );
    runs.tagging.push(
      perCpuSecond(inputs.length, rounds, () => {
        inputs.forEach((input, index) =>
          tagItem({ title: input.title, summary: input.summary, language: languages[index]!, sourceRegion: null }, tagger.tagRules),
        );
      }),
    );
  }
  return { tagging: median(runs.tagging), withLanguage: median(runs.withLanguage), runs };
}
