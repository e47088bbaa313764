// Politeness: a global limit on requests in flight, and per host a limit plus a
// minimum gap, so one run never hammers a small regional news site.

export type HostSchedulerOptions = {
  /** Tasks running at once, all hosts together. */
  concurrency: number;
  /** Tasks running at once against one host. */
  perHost: number;
  /**
   * Minimum gap to the same host: between two starts, and between the end of
   * one request and the start of the next. `file:` URLs have no host and skip it.
   */
  perHostDelayMs: number;
};

export const DEFAULT_SCHEDULER_OPTIONS: HostSchedulerOptions = Object.freeze({
  concurrency: 6,
  perHost: 1,
  perHostDelayMs: 1000,
});

export type HostScheduler = {
  schedule: <T>(url: string, task: () => Promise<T>) => Promise<T>;
};

type HostState = { active: number; notBefore: number };
type Waiting = { host: string | null; start: () => void };

/** The politeness key of a URL: host and port, or null for local files and unreadable URLs. */
export function hostKey(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.host.toLowerCase();
}

function checkLimit(name: string, value: number, min: number): void {
  if (!Number.isFinite(value) || value < min) throw new RangeError(`createHostScheduler: ${name} must be >= ${min}, got ${value}`);
}

export function createHostScheduler(options: Partial<HostSchedulerOptions> = {}): HostScheduler {
  const { concurrency, perHost, perHostDelayMs } = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
  checkLimit('concurrency', concurrency, 1);
  checkLimit('perHost', perHost, 1);
  checkLimit('perHostDelayMs', perHostDelayMs, 0);

  // FIFO; a task waiting for its host's gap holds no global slot, so other hosts go on meanwhile.
  const queue: Waiting[] = [];
  const hosts = new Map<string, HostState>();
  let running = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const hostState = (key: string): HostState => {
    let state = hosts.get(key);
    if (!state) {
      state = { active: 0, notBefore: 0 };
      hosts.set(key, state);
    }
    return state;
  };

  const pump = (): void => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    const now = performance.now();
    let earliest = Infinity;
    for (let i = 0; i < queue.length && running < concurrency; ) {
      const waiting = queue[i]!;
      if (waiting.host !== null) {
        const state = hostState(waiting.host);
        if (state.active >= perHost) {
          i++;
          continue;
        }
        if (state.notBefore > now) {
          earliest = Math.min(earliest, state.notBefore);
          i++;
          continue;
        }
        state.active++;
        state.notBefore = now + perHostDelayMs;
      }
      queue.splice(i, 1);
      running++;
      waiting.start();
    }
    // A timer that fires a little early just re-arms: pump re-checks the clock.
    if (earliest !== Infinity && running < concurrency) {
      timer = setTimeout(pump, Math.max(0, Math.ceil(earliest - now)));
    }
  };

  const finish = (host: string | null): void => {
    running--;
    if (host !== null) {
      const state = hostState(host);
      state.active--;
      const now = performance.now();
      state.notBefore = Math.max(state.notBefore, now + perHostDelayMs);
      if (state.active === 0 && state.notBefore <= now) hosts.delete(host);
    }
    pump();
  };

  const schedule = <T>(url: string, task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const host = hostKey(url);
      queue.push({
        host,
        start: () => {
          // A task that throws synchronously must still give its slots back.
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => finish(host));
        },
      });
      pump();
    });

  return { schedule };
}
