// npm run studio [-- --port N] [--host H] [--data DIR] [--build]: the Sanity Studio on the local dataset, on loopback.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDataFolder, resolveDataFolder } from '../src/lib/content/dataFolder.ts';
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
// The default data folder is seeded from the bundle on first use; a named one must hold a dataset (the studio edits it).
const folder = await prepareDataFolder(resolveDataFolder(values.data, process.env, root), root, 'read');
if (!folder.ok) {
  process.stderr.write(`studio: ${folder.error.code}: ${folder.error.message}\n`);
  process.exit(2);
}
if (folder.value.note) process.stdout.write(`${folder.value.note}\n`);
const dataDir = folder.value.dir;
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
