// npm start: the main job. Ingests the configured sources and the bundled sample
// feeds into content/, builds the site and serves it at a printed local URL.
// Offline, the real sources fail with a reported network error; the run still
// completes on the sample feeds. `npm start -- --no-serve` stops after the ingest.
import path from 'node:path';
import { ingestCommand } from '../src/cli/ingestCommand.ts';
import { buildAndServe, closeOnSignals } from '../src/lib/site/build/run.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const serve = !args.includes('--no-serve');
const status = await ingestCommand(
  ['--sources', path.join(root, 'content/sources.json'), '--sources', path.join(root, 'content/demo/sources.json'), ...args.filter((arg) => arg !== '--no-serve')],
  root,
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
  },
);
// 1 (every source failed) still leaves the stored dataset to show; 2 means bad configuration.
if (status === 2 || !serve) {
  process.exitCode = status;
} else {
  const server = await buildAndServe({ root });
  if (!server.ok) {
    process.stderr.write(`start: ${server.error.code}: ${server.error.message}\n`);
    process.exitCode = 1;
  } else {
    closeOnSignals(server.value);
  }
}
