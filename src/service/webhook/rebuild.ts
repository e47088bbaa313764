import { spawn } from 'node:child_process';

// At most one rebuild at a time. A request during a rebuild queues exactly one
// more run, which starts when the current one ends and sees every change made
// until then; further requests meanwhile join that queued run.

export type RebuildState = 'started' | 'queued' | 'already-queued';

export type RebuildRunner = {
  request(): RebuildState;
  readonly running: boolean;
  readonly queued: boolean;
  /** Resolves when no run is active or queued (tests, shutdown). */
  idle(): Promise<void>;
};

export function createRebuildRunner(run: () => Promise<void>, onError: (error: unknown) => void = () => undefined): RebuildRunner {
  let running = false;
  let queued = false;
  let idleWaiters: (() => void)[] = [];

  const loop = async () => {
    running = true;
    do {
      queued = false;
      try {
        await run();
      } catch (error) {
        onError(error);
      }
    } while (queued);
    running = false;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  return {
    request() {
      if (!running) {
        void loop();
        return 'started';
      }
      if (queued) return 'already-queued';
      queued = true;
      return 'queued';
    },
    get running() {
      return running;
    },
    get queued() {
      return queued;
    },
    idle: () => (running ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
  };
}

/** Runs the operator's rebuild command (MEDCLUSTERS_REBUILD_COMMAND) in a shell; rejects on a non-zero exit. */
export function runShellCommand(command: string, log: (line: string) => void = (line) => console.log(line)): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    log(`[rebuild] ${command}`);
    const child = spawn(command, { shell: true, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        log(`[rebuild] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        resolve();
      } else reject(new Error(`rebuild command exited with ${code ?? signal}`));
    });
  });
}
