// npm run --silent inspect -- FILE_OR_URL...   one JSON line per argument
// Exit status: 0 when at least one argument was read as a feed, 1 when every one failed, 2 without arguments.
import { inspectInput } from '../src/cli/inspectCommand.ts';
import { createDefaultStages } from '../src/pipeline/stages.ts';

const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  process.stderr.write('usage: npm run --silent inspect -- FILE_OR_URL...\n');
  process.exitCode = 2;
} else {
  const stages = createDefaultStages({ politeness: false });
  let read = 0;
  for (const input of inputs) {
    const line = await inspectInput(input, stages);
    if (line.ok) read += 1;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  if (read === 0) {
    process.stderr.write(`inspect: ${inputs.length === 1 ? 'the argument' : `none of the ${inputs.length} arguments`} could be read as a feed (the error is on each line)\n`);
    process.exitCode = 1;
  }
}
