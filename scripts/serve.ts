// npm run serve [-- --port N] [--host H] [--out DIR] [--data DIR] [--build]: serves the built site and /api/health.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAndServe, closeOnSignals, serveSite } from '../src/lib/site/build/run.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    out: { type: 'string' },
    data: { type: 'string' },
    build: { type: 'boolean', default: false },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const options = { root, outDir: values.out, dataDir: values.data, host: values.host, port: values.port ? Number(values.port) : undefined };
const result = values.build ? await buildAndServe(options) : await serveSite(options);
if (!result.ok) {
  process.stderr.write(`${result.error.code}: ${result.error.message}\n`);
  process.exitCode = 1;
} else {
  if (!values.build) process.stdout.write(`The site is at ${result.value.url}  (health: ${result.value.url}api/health)\n`);
  closeOnSignals(result.value);
}
