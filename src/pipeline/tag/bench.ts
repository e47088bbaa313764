import type { Tagger } from './batch.ts';
import { classifyOne } from './batch.ts';

/**
 * Items per second of the whole per-item tag stage (language detection,
 * language refinement, tagging) on one core, over `rounds` passes of `items`
 * after warm-up passes. Measured in CPU time of this process, so that other
 * processes on a shared machine do not count against it. Story grouping is
 * batch work and is not included.
 */
export function benchTagger(items: readonly { title: string; summary: string }[], rounds: number, tagger: Tagger): number {
  if (items.length === 0 || rounds < 1) return 0;
  const inputs = items.map((item, index) => ({ id: String(index), title: item.title, summary: item.summary }));
  for (let warm = 0; warm < Math.min(rounds, 20); warm++) for (const input of inputs) classifyOne(input, tagger);
  const start = process.cpuUsage();
  for (let round = 0; round < rounds; round++) for (const input of inputs) classifyOne(input, tagger);
  const used = process.cpuUsage(start);
  const seconds = (used.user + used.system) / 1e6;
  return Math.round((inputs.length * rounds) / seconds);
}
