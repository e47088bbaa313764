// npm start: the service. Ingests the configured sources and the bundled sample
// feeds into the data folder, builds the site, serves it at a printed URL, then
// keeps it current: each source polled on its schedule, the site rebuilt when
// something it shows changed (src/service/). Offline, the real sources fail
// with a reported network error; the service goes on with the sample feeds.
//   npm start [-- --no-serve] [--interval SECONDS] [--port N] [--host H] [--out DIR] [--data DIR] [--sources FILE]... [--only ID]... [--force]
import path from 'node:path';
import { parseServiceArgs, SERVICE_USAGE } from '../src/service/args.ts';
import { runService } from '../src/service/service.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = parseServiceArgs(process.argv.slice(2), root, 'start');
if (!args.ok) {
  if (args.message) process.stderr.write(`start: ${args.message}\n`);
  process.stderr.write(`${SERVICE_USAGE}\n`);
  process.exit(2);
}
process.exitCode = await runService({ ...args.value, stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), columns: process.stdout.isTTY ? process.stdout.columns : undefined });
