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
