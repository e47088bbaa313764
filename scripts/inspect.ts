// npm run --silent inspect -- FILE_OR_URL...   JSON lines: one per feed; for a page, one per feed found and a last one naming the feed to use
import { inspectLines } from '../src/cli/inspectCommand.ts';
import { createDefaultStages } from '../src/pipeline/stages.ts';

const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  process.stderr.write('usage: npm run --silent inspect -- FILE_OR_URL...\n');
  process.exitCode = 2;
} else {
  const stages = createDefaultStages({ politeness: false });
  for (const input of inputs) {
    for (const line of await inspectLines(input, stages)) process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
