import { createServer, type AddressInfo } from 'node:net';
import { fail, ok, type Result } from '../pipeline/model.ts';
// Where the server listens. As Astro's Node adapter does, HOST and PORT from
// the environment are honoured; the command's own flags win over them.

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4321;

export type ListenAddress = { host: string; port: number };

/** `flags` from the command line (undefined when not given), `env` the process environment. */
export function listenAddress(flags: { host?: string; port?: number }, env: Record<string, string | undefined>): ListenAddress {
  const envPort = env.PORT?.trim() ? Number(env.PORT) : undefined;
  const envHost = env.HOST?.trim() ? env.HOST.trim() : undefined;
  const port = flags.port ?? (envPort !== undefined && Number.isInteger(envPort) && envPort >= 0 && envPort < 65536 ? envPort : DEFAULT_PORT);
  return { host: flags.host ?? envHost ?? DEFAULT_HOST, port };
}

/** The address a local server on host:port is reached at (an any-address host is reached as localhost). */
export function localSiteUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/**
 * Finds out, before any ingest or build, whether the server will be able to
 * listen: the port number (a free one for 0), or a message naming the busy
 * port. The port is let go again at once.
 */
export function probePort(host: string, port: number): Promise<Result<number>> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(fail('port_in_use', `port ${port} on ${host} is already in use (another server, or an earlier npm start still running): stop it, or choose another port with --port N`));
      else if (error.code === 'EACCES') resolve(fail('port_not_allowed', `port ${port} on ${host} may not be opened by this user: choose a port above 1023 with --port N`));
      else resolve(fail('port_unavailable', `cannot listen on ${host}:${port} (${error.code ?? error.message})`));
    });
    probe.listen(port, host, () => {
      const found = (probe.address() as AddressInfo).port;
      probe.close(() => resolve(ok(found)));
    });
  });
}
