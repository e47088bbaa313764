import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';

// What the running service tells `/api/health`: a small JSON file in the data
// folder, written atomically after every change of the queue and every cycle,
// read by the health route at request time (the server is another process).

export const SERVICE_STATE_FILE = 'service.json';

const cycleSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Sources fetched in this cycle (due ones only). */
  polled: z.number().int(),
  failed: z.number().int(),
  new: z.number().int(),
  updated: z.number().int(),
  /** Whether something the site shows changed (a rebuild was asked for). */
  changed: z.boolean(),
  /** The dataset could not be read or written: nothing was stored. */
  error: z.string().nullable(),
});

const buildSchema = z.object({
  finishedAt: z.string(),
  ok: z.boolean(),
  ms: z.number(),
  /** What asked for it: `start`, `ingest`, `webhook`. */
  reasons: z.array(z.string()),
  error: z.string().nullable(),
});

export const serviceStateSchema = z.object({
  pid: z.number().int(),
  /** `once`: `npm start -- --no-serve` (one cycle and one build). */
  mode: z.enum(['serve', 'worker', 'once']),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** `--interval` in seconds; null: each source's own schedule. */
  intervalSeconds: z.number().nullable(),
  lastCycle: cycleSchema.nullable(),
  /** When the next source falls due. */
  nextCycleAt: z.string().nullable(),
  running: z.enum(['cycle', 'build']).nullable(),
  buildQueued: z.boolean(),
  lastBuild: buildSchema.nullable(),
  /** The service's resident memory after the last step, in MB (flat over cycles). */
  rssMb: z.number(),
  /** Set once SIGTERM or SIGINT was received: the service is finishing its step. */
  stopping: z.boolean(),
});

export type ServiceState = z.infer<typeof serviceStateSchema>;
export type CycleSummary = z.infer<typeof cycleSchema>;
export type BuildSummary = z.infer<typeof buildSchema>;

export async function writeServiceState(dataDir: string, state: ServiceState): Promise<void> {
  await writeFileAtomic(path.join(dataDir, SERVICE_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The state of the service of this data folder, with `alive` (its process still runs); null when no service has run here. */
export async function readServiceState(dataDir: string): Promise<(ServiceState & { alive: boolean }) | null> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, SERVICE_STATE_FILE), 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = serviceStateSchema.safeParse(json);
  return parsed.success ? { ...parsed.data, alive: isAlive(parsed.data.pid) } : null;
}

export { isAlive as isProcessAlive };

/**
 * What `/api/health` may publish of the state: errors as their codes only (a
 * message can name paths or internal hosts), no process id.
 */
export function publicServiceState(state: (ServiceState & { alive: boolean }) | null) {
  if (state === null) return null;
  const codeOf = (error: string | null) => (error === null ? null : error.split(':', 1)[0]!.trim());
  const { pid: _pid, ...rest } = state;
  return {
    ...rest,
    lastCycle: state.lastCycle && { ...state.lastCycle, error: codeOf(state.lastCycle.error) },
    lastBuild: state.lastBuild && { ...state.lastBuild, error: codeOf(state.lastBuild.error) },
  };
}
