import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fail, ok, type Result } from '../pipeline/model.ts';
import { buildForStart, siteEnv, type BuildOptions } from '../lib/site/build/run.ts';
import { listenAddress, localSiteUrl, probePort } from './listen.ts';

// Starting and stopping the site server process (server/main.ts).

export type ServeOptions = {
  root: string;
  outDir?: string;
  dataDir?: string;
  /** The `--host` flag; else HOST from the environment, else 127.0.0.1. */
  host?: string;
  /** The `--port` flag; else PORT from the environment, else 4321. 0 picks a free port. */
  port?: number;
  /** Copy the server's log lines to this function (default: stdout). */
  log?: (line: string) => void;
  /** Called with each message the server sends (a webhook asking for a rebuild: see webhook/parentRunner.ts). */
  onMessage?: (message: unknown) => void;
};

export type RunningServer = { url: string; process: ChildProcess; close: () => Promise<void>; send: (message: unknown) => void };

/**
 * Starts the site server (server/main.ts: the built Astro standalone handler
 * behind compression, the `/` redirect and the per-language 404) and
 * resolves with its URL once it listens. It reads files through the site
 * folder on every request, so it keeps serving, and serves each new build,
 * across rebuilds; `/api/health` reads the dataset folder at request time.
 * The server is tied to this process by an IPC channel: it exits when this
 * process goes away, even by SIGKILL, so a killed service never leaves a
 * server holding its port.
 */
export async function serveSite(options: ServeOptions): Promise<Result<RunningServer>> {
  const outDir = path.resolve(options.root, options.outDir ?? 'dist');
  const entry = path.join(outDir, 'server/entry.mjs');
  if (!existsSync(entry)) return fail('site_not_built', `${entry} does not exist: run \`npm run build\` first`);
  const address = listenAddress({ host: options.host, port: options.port }, process.env);
  const main = path.join(options.root, 'src/service/server/main.ts');
  const child = spawn(process.execPath, ['--preserve-symlinks', main, outDir], {
    cwd: options.root,
    // MEDCLUSTERS_SERVICE: the webhook route hands rebuilds to this process's queue (webhook/parentRunner.ts).
    env: { ...siteEnv(options), HOST: address.host, PORT: String(address.port), ...(options.onMessage ? { MEDCLUSTERS_SERVICE: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  if (options.onMessage) child.on('message', options.onMessage);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  return new Promise((resolve) => {
    let settled = false;
    let buffered = '';
    const onLine = (chunk: Buffer) => {
      const text = chunk.toString();
      if (!settled) buffered += text;
      for (const line of text.split('\n').filter(Boolean)) log(line);
      const match = settled ? null : /listening on\s+(?:\n\s*local:\s*)?(https?:\/\/\S+)/.exec(buffered);
      if (match && !settled) {
        settled = true;
        buffered = '';
        const close = () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          });
        const send = (message: unknown) => {
          if (child.connected) child.send(message as object, () => undefined);
        };
        resolve(ok({ url: match[1]!.replace(/\/?$/, '/'), process: child, close, send }));
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    child.on('exit', (code) => {
      if (!settled) {
        settled = true;
        resolve(fail('site_server_exited', `the site server exited with ${code} before listening: ${buffered.trim().split('\n').slice(-5).join(' | ')}`));
      }
    });
  });
}

/** Build the site from the dataset, then serve it, printing the URL. Resolves when the server is up; the server keeps the process alive. */
export async function buildAndServe(options: BuildOptions & Omit<ServeOptions, 'log'>): Promise<Result<RunningServer>> {
  // A busy port is found now, not after the build.
  const address = listenAddress({ host: options.host, port: options.port }, process.env);
  const port = await probePort(address.host, address.port);
  if (!port.ok) return port;
  // Served locally: links and feeds name the address it is served on, unless a public one is configured.
  const siteUrl = options.siteUrl ?? (process.env.MEDCLUSTERS_SITE_URL || localSiteUrl(address.host, port.value));
  const built = await buildForStart({ ...options, siteUrl });
  if (!built.ok) return built;
  const served = await serveSite({ ...options, host: address.host, port: port.value, log: () => {} });
  if (served.ok) process.stdout.write(`\nThe site is at ${served.value.url}  (health: ${served.value.url}api/health)\n`);
  return served;
}

/** Stops the server child with the parent: Ctrl-C or a SIGTERM to `npm run serve` must not leave it listening. */
export function closeOnSignals(server: RunningServer): void {
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  server.process.once('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(`the site server exited with ${code}\n`);
  });
}
