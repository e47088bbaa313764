// npm run worker: the service without a server. Ingests and rebuilds `dist/` on
// the schedule, for installations that serve the site folder from a CDN or
// another web server (src/service/).
//   npm run worker [-- --interval SECONDS] [--out DIR] [--data DIR] [--sources FILE]... [--only ID]... [--force]
import path from 'node:path';
import { parseServiceArgs, SERVICE_USAGE } from '../src/service/args.ts';
import { runService } from '../src/service/service.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = parseServiceArgs(process.argv.slice(2), root, 'worker');
if (!args.ok) {
  if (args.message) process.stderr.write(`worker: ${args.message}\n`);
  process.stderr.write(`${SERVICE_USAGE}\n`);
  process.exit(2);
}
process.exitCode = await runService({ ...args.value, stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), columns: process.stdout.isTTY ? process.stdout.columns : undefined });
