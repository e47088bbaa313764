// npm run --silent inspect -- FILE_OR_URL...   JSON lines: one per feed; for a page, one per feed found and a last one naming the feed to use
// Exit status: 0 when at least one argument was read as a feed, 1 when every one failed, 2 without arguments.
import { inspectLines } from '../src/cli/inspectCommand.ts';
import { createDefaultStages } from '../src/pipeline/stages.ts';

const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  process.stderr.write('usage: npm run --silent inspect -- FILE_OR_URL...\n');
  process.exitCode = 2;
} else {
  const stages = createDefaultStages({ politeness: false });
  let read = 0;
  for (const input of inputs) {
    const lines = await inspectLines(input, stages);
    if (lines.some((line) => line.ok)) read += 1;
    for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  if (read === 0) {
    process.stderr.write(`inspect: ${inputs.length === 1 ? 'the argument' : `none of the ${inputs.length} arguments`} could be read as a feed (the error is on each line)\n`);
    process.exitCode = 1;
  }
}
