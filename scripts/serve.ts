// npm run serve [-- --port N] [--host H] [--out DIR] [--data DIR] [--build]: serves the built site and /api/health.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDataFolder, resolveDataFolder } from '../src/lib/content/dataFolder.ts';
import { listenAddress, probePort } from '../src/service/listen.ts';
import { buildAndServe, closeOnSignals, serveSite } from '../src/service/serve.ts';

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
const folder = await prepareDataFolder(resolveDataFolder(values.data, process.env, root), root, 'read');
if (!folder.ok) {
  process.stderr.write(`serve: ${folder.error.code}: ${folder.error.message}\n`);
  process.exit(2);
}
const address = listenAddress({ host: values.host, port: values.port ? Number(values.port) : undefined }, process.env);
// A busy port is named here, before any build, not as a server's stack trace.
const port = await probePort(address.host, address.port);
if (!port.ok) {
  process.stderr.write(`serve: ${port.error.code}: ${port.error.message}\n`);
  process.exit(1);
}
const options = { root, outDir: values.out, dataDir: folder.value.dir, host: address.host, port: port.value };
const result = values.build ? await buildAndServe(options) : await serveSite(options);
if (!result.ok) {
  process.stderr.write(`${result.error.code}: ${result.error.message}\n`);
  process.exitCode = 1;
} else {
  if (!values.build) process.stdout.write(`The site is at ${result.value.url}  (health: ${result.value.url}api/health)\n`);
  closeOnSignals(result.value);
}
