import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// `npm start` (scripts/start.ts) as a child process in its own process group,
// so a test or the live bench can kill the service and everything it started
// at once, as a crash or `systemctl kill` would.

export const ROOT = path.resolve(import.meta.dirname, '../..');

export type RunningService = {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in the output from `from` on (default: anywhere). */
  waitFor: (pattern: RegExp, timeoutMs?: number, from?: number) => Promise<RegExpExecArray>;
  /** Signals the whole process group. */
  kill: (signal: NodeJS.Signals) => void;
  exited: Promise<number | null>;
};

export function startService(args: string[], env: Record<string, string> = {}, script = 'scripts/start.ts'): RunningService {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', MEDCLUSTERS_IMAGES: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs = 120_000, from = 0) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output.slice(from));
          if (match) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output.slice(-3000)}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => {
          if (listeners.has(check)) {
            check();
            if (listeners.has(check)) {
              listeners.delete(check);
              clearTimeout(timer);
              reject(new Error(`the service exited before ${pattern}; output:\n${output.slice(-3000)}`));
            }
          }
        });
        check();
      }),
    kill: (signal) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // Already gone.
      }
    },
    exited,
  };
}
