// Throughput of detectLanguage: `npx node src/pipeline/language/bench.ts [file.jsonl]`.
// Repeats the items (title + summary) of ../shared/eval/dev.jsonl, or of
// testdata/lang-cases.jsonl when ../shared is absent, for about 2 s per round.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectLanguage } from './detectLanguage.ts';

const dev = fileURLToPath(new URL('../../../../shared/eval/dev.jsonl', import.meta.url));
const fallback = fileURLToPath(new URL('./testdata/lang-cases.jsonl', import.meta.url));
const path = process.argv[2] ?? (existsSync(dev) ? dev : fallback);
const items = readFileSync(path, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { title: string; summary: string });

const run = (titleOnly: boolean): number => {
  const inputs = items.map((item) => ({ title: item.title, summary: titleOnly ? '' : item.summary }));
  for (let warm = 0; warm < 200; warm++) for (const input of inputs) detectLanguage(input, null);
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < 2000) {
    for (const input of inputs) detectLanguage(input, null);
    count += inputs.length;
  }
  return Math.round(count / ((performance.now() - start) / 1000));
};

console.log(`${items.length} items from ${path}`);
for (const titleOnly of [false, true]) {
  console.log(`${titleOnly ? 'title only     ' : 'title + summary'}: ${run(titleOnly)} items/s`);
}
