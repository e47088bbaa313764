// npm start: the main job. Ingests the configured sources and the bundled sample
// feeds into content/, builds the site and serves it at a printed local URL.
// Offline, the real sources fail with a reported network error; the run still
// completes on the sample feeds.
//   npm start [-- --no-serve] [--out DIR] [--port N] [--host H] [ingest options: --data DIR, --only ID, --force…]
// `--no-serve` ingests and builds, and stops before serving. `--data` is the
// dataset folder of the ingest, the build and the server alike.
import path from 'node:path';
import { ingestCommand } from '../src/cli/ingestCommand.ts';
import { buildForStart, closeOnSignals, localSiteUrl, probePort, serveSite } from '../src/lib/site/build/run.ts';

const root = path.resolve(import.meta.dirname, '..');
/** Splits start's own options from the ingest's (passed through as they are; `--data` goes to both). */
function splitArgs(args: string[]): { ingest: string[]; serve: boolean; out?: string; port?: number; host?: string; data?: string } {
  const own: { serve: boolean; out?: string; port?: number; host?: string; data?: string } = { serve: true };
  const ingest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const [name, inline] = args[index]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? args[++index];
    if (name === '--no-serve') own.serve = false;
    else if (name === '--out') own.out = value();
    else if (name === '--port') own.port = Number(value());
    else if (name === '--host') own.host = value();
    else {
      ingest.push(args[index]!);
      if (name === '--data') {
        own.data = inline ?? args[index + 1];
        if (inline === undefined && index + 1 < args.length) ingest.push(args[++index]!);
      }
    }
  }
  return { ingest, ...own };
}
const options = splitArgs(process.argv.slice(2));
const dataDir = options.data ? path.resolve(options.data) : undefined;
const host = options.host ?? '127.0.0.1';
// A busy port is found now, not after the ingest and the build.
const port = options.serve ? await probePort(host, options.port ?? 4321) : { ok: true as const, value: options.port ?? 4321 };
if (!port.ok) {
  process.stderr.write(`start: ${port.error.code}: ${port.error.message}\n`);
  process.exit(1);
}
// Links, feeds and the sitemap name the address the site is served on, unless a public one is configured.
const siteUrl = process.env.MEDCLUSTERS_SITE_URL || localSiteUrl(host, port.value);
const status = await ingestCommand(
  ['--sources', path.join(root, 'content/sources.json'), '--sources', path.join(root, 'content/demo/sources.json'), ...options.ingest],
  root,
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  },
);
// 1 (every source failed) still leaves the stored dataset to show; 2 means bad configuration.
if (status === 2) {
  process.exitCode = 2;
} else {
  const built = await buildForStart({ root, outDir: options.out, dataDir, siteUrl });
  if (!built.ok) {
    process.stderr.write(`start: ${built.error.code}: ${built.error.message}\n`);
    process.exitCode = 1;
  } else if (!options.serve) {
    process.exitCode = status;
  } else {
    const server = await serveSite({ root, outDir: options.out, dataDir, port: port.value, host, log: () => {} });
    if (!server.ok) {
      process.stderr.write(`start: ${server.error.code}: ${server.error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`\nThe site is at ${server.value.url}  (health: ${server.value.url}api/health)\n`);
      closeOnSignals(server.value);
    }
  }
}
