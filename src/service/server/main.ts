// The site server process: `node --preserve-symlinks src/service/server/main.ts SITE_DIR`
// (started by `serveSite` in src/service/serve.ts; HOST and PORT from its environment).
//
// It loads the Astro standalone handler of the built site without letting it
// listen, and serves it behind createSiteHandler. `--preserve-symlinks` keeps
// the site folder's link in every path Astro resolves (its client folder, its
// chunks), so after a rebuild swaps the link the next request reads the new
// build. The server code itself is loaded once, at start: every chunk is
// imported now, so a later build with other chunk names cannot leave this
// process importing half of one build and half of another.
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSiteHandler, type RequestHandler } from './handler.ts';

const siteDir = process.argv[2];
if (!siteDir) {
  process.stderr.write('usage: node --preserve-symlinks src/service/server/main.ts SITE_DIR\n');
  process.exit(2);
}
const serverDir = path.resolve(siteDir, 'server');
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = (await import(pathToFileURL(path.join(serverDir, 'entry.mjs')).href)) as { handler: RequestHandler };
const modules = (await readdir(serverDir, { recursive: true })).filter((file) => file.endsWith('.mjs') && !file.split(path.sep).includes('.prerender'));
for (const file of modules) await import(pathToFileURL(path.join(serverDir, file)).href);

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);
const server = createServer(createSiteHandler({ clientDir: path.resolve(siteDir, 'client'), astro: entry.handler }));
server.once('error', (error: NodeJS.ErrnoException) => {
  const reason = error.code === 'EADDRINUSE' ? 'is already in use: stop the other server, or choose another port with --port N' : `cannot be opened (${error.code ?? error.message})`;
  process.stderr.write(`[medclusters] port ${port} on ${host} ${reason}\n`);
  process.exit(1);
});
server.listen(port, host, () => {
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  process.stdout.write(`[medclusters] listening on http://${shown}:${address.port}/\n`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// Started by a service over an IPC channel: when the service goes away (even by SIGKILL) the channel
// closes, and the server goes with it instead of holding the port.
if (process.send) process.once('disconnect', stop);
