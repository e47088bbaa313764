// npm run studio [-- --port N] [--host H] [--data DIR] [--build]: the Sanity Studio on the local dataset, on loopback.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDirFromEnv } from '../src/lib/content/local.ts';
import { buildStudio, STUDIO_OUT_DIR, studioBuildIsStale } from '../src/studio/build.ts';
import { startStudioServer } from '../src/studio/server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3333' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    build: { type: 'boolean', default: false },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port ${values.port}: must be a port number\n`);
  process.exit(2);
}
const dataDir = values.data ? path.resolve(values.data) : dataDirFromEnv(process.env, root);
try {
  if (values.build || (await studioBuildIsStale(root))) await buildStudio(root);
  const studio = await startStudioServer({ dataDir, studioDir: path.join(root, STUDIO_OUT_DIR), host: values.host, port });
  process.stdout.write(`The studio is at ${studio.url}/  (dataset: ${studio.dataset.location}; stop with Ctrl-C)\n`);
  const stop = () => void studio.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
