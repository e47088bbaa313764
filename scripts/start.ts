// npm start: the main job. Ingests the configured sources and the bundled sample
// feeds into content/ and prints the summary. Offline, the real sources fail
// with a reported network error; the run still completes on the sample feeds.
import path from 'node:path';
import { ingestCommand } from '../src/cli/ingestCommand.ts';

const root = path.resolve(import.meta.dirname, '..');
const status = await ingestCommand(
  ['--sources', path.join(root, 'content/sources.json'), '--sources', path.join(root, 'content/demo/sources.json'), ...process.argv.slice(2)],
  root,
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
  },
);
process.exitCode = status;
