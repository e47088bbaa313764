// npm run --silent classify < in.jsonl > out.jsonl
// One output line per input line, in order. A bad input line gives an error
// object on its output line ({"line", "error": {"code", "message"}}) and a
// message on stderr; the command then exits 1 after writing everything. The
// whole input is one batch for story grouping. Options: --rules DIR.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { classifyBatch, loadTagger } from '../src/pipeline/tag/batch.ts';
import { classifiedLine, classifyLineSchema, isLineError, parseJsonLines, toClassifyInput } from '../src/pipeline/tag/jsonl.ts';

const { values } = parseArgs({ options: { rules: { type: 'string', default: 'content/rules' } } });
const tagger = loadTagger(values.rules);
if (!tagger.ok) {
  process.stderr.write(`classify: ${tagger.error.code}: ${tagger.error.message}\n`);
  process.exit(2);
}

const lines = parseJsonLines(readFileSync(0, 'utf8'), classifyLineSchema);
const valid = lines.flatMap((line) => (isLineError(line) ? [] : [toClassifyInput(line.value)]));
const classified = new Map(classifyBatch(valid, tagger.value).map((item) => [item.id, item]));

const out: string[] = [];
let failed = 0;
for (const line of lines) {
  if (isLineError(line)) {
    failed++;
    process.stderr.write(`classify: ${line.error.code}: ${line.error.message}\n`);
    out.push(JSON.stringify({ line: line.line, error: line.error }));
  } else {
    out.push(JSON.stringify(classifiedLine(classified.get(line.value.id)!)));
  }
}
process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
if (failed > 0) process.exitCode = 1;
