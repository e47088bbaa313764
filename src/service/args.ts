import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeZodError } from '../lib/schemaErrors.ts';
import { resolveDataFolder } from '../lib/content/dataFolder.ts';
import type { ServiceOptions } from './service.ts';

// The command line of `npm start` and `npm run worker`.

export const SERVICE_USAGE = `usage: npm start -- [--no-serve] [--interval SECONDS] [--port N] [--host H] [--out DIR] [--data DIR] [--sources FILE]... [--only ID]... [--force]
       npm run worker -- [same options but --no-serve, --port, --host]
  --no-serve        one ingest and one build, then exit (npm start only)
  --interval S      poll every source every S seconds (default: each source's own schedule, 10 minutes by default)
  --port N          default PORT from the environment, else 4321 (0: a free port)
  --host H          default HOST from the environment, else 127.0.0.1
  --out DIR         site folder (default dist)
  --data DIR        data folder (default MEDCLUSTERS_DATA_DIR, else data/, seeded from content/dataset.ndjson)
  --sources FILE    sources file, repeatable (default content/sources.json and content/demo/sources.json)
  --only ID         only this source (repeatable)
  --force           the first ingest fetches sources that are backing off or not due`;

const argsSchema = z.object({
  interval: z.number().int('must be a whole number of seconds').min(1, 'must be at least 1 second').nullable(),
  port: z.number().int('must be a port number').min(0).max(65535).optional(),
  only: z.array(z.string().regex(/^[a-z0-9-]+$/, 'must be a source id')).optional(),
});

export function parseServiceArgs(
  argv: string[],
  root: string,
  mode: 'start' | 'worker',
  env: Record<string, string | undefined> = process.env,
): { ok: true; value: Omit<ServiceOptions, 'stdout' | 'stderr'> } | { ok: false; message: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'no-serve': { type: 'boolean', default: false },
        interval: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string' },
        sources: { type: 'string', multiple: true },
        only: { type: 'string', multiple: true },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (values.help) return { ok: false, message: '' };
  if (mode === 'worker' && (values['no-serve'] || values.port !== undefined || values.host !== undefined)) {
    return { ok: false, message: 'the worker serves nothing: --no-serve, --port and --host are for npm start' };
  }
  const parsed = argsSchema.safeParse({
    interval: values.interval === undefined ? null : Number(values.interval),
    port: values.port === undefined ? undefined : Number(values.port),
    only: values.only,
  });
  if (!parsed.success) return { ok: false, message: describeZodError(parsed.error, 'args') };
  return {
    ok: true,
    value: {
      root,
      sourcesFiles: (values.sources ?? [path.join(root, 'content/sources.json'), path.join(root, 'content/demo/sources.json')]).map((file) => path.resolve(file)),
      data: resolveDataFolder(values.data, env, root),
      ...(values.out ? { outDir: path.resolve(values.out) } : {}),
      mode: mode === 'worker' ? 'worker' : values['no-serve'] ? 'once' : 'serve',
      ...(values.host ? { host: values.host } : {}),
      ...(parsed.data.port !== undefined ? { port: parsed.data.port } : {}),
      intervalSeconds: parsed.data.interval,
      ...(parsed.data.only ? { only: parsed.data.only } : {}),
      force: values.force,
    },
  };
}
