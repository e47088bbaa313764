// npm run --silent inspect -- FILE_OR_URL...   one JSON line per argument
import { inspectInput } from '../src/cli/inspectCommand.ts';
import { createDefaultStages } from '../src/pipeline/stages.ts';

const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  process.stderr.write('usage: npm run --silent inspect -- FILE_OR_URL...\n');
  process.exitCode = 2;
} else {
  const stages = createDefaultStages({ politeness: false });
  for (const input of inputs) process.stdout.write(`${JSON.stringify(await inspectInput(input, stages))}\n`);
}
