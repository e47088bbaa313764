// The service's one queue: scheduled ingests and rebuilds (after an ingest
// that changed something, or a webhook) run one at a time, in this order: a
// pending ingest first, so the build that follows shows it. At most one build
// waits: a request while one is waiting joins it. Two ingests never write at
// once, and no build runs while an ingest writes.

export type Step = 'cycle' | 'build';

export type QueueState = { running: Step | null; cycleQueued: boolean; buildQueued: boolean; buildReasons: string[] };

export type WorkQueue = {
  /** Asks for an ingest of the sources due; joins one already waiting. */
  requestCycle(): void;
  /** Asks for a rebuild (`reason`: `ingest`, `webhook`, `start`); joins one already waiting. */
  requestBuild(reason: string): 'started' | 'queued' | 'already-queued';
  readonly state: QueueState;
  /** Resolves when nothing runs and nothing waits. */
  idle(): Promise<void>;
  /** Takes no more work; resolves when the step running now has finished. */
  stop(): Promise<void>;
};

export type QueueHandlers = {
  /** An ingest; resolves with whether something the site shows changed. */
  cycle: () => Promise<{ changed: boolean }>;
  build: (reasons: string[]) => Promise<void>;
  onError: (step: Step, error: unknown) => void;
  /** After every change of state (health, the server's webhook). */
  onState?: (state: QueueState) => void;
};

export function createWorkQueue(handlers: QueueHandlers): WorkQueue {
  let running: Step | null = null;
  let cycleQueued = false;
  let buildReasons: string[] = [];
  let stopped = false;
  let waiters: (() => void)[] = [];

  const state = (): QueueState => ({ running, cycleQueued, buildQueued: buildReasons.length > 0, buildReasons: [...buildReasons] });
  const notify = () => handlers.onState?.(state());

  const loop = async () => {
    while (!stopped && (cycleQueued || buildReasons.length > 0)) {
      if (cycleQueued) {
        cycleQueued = false;
        running = 'cycle';
        notify();
        try {
          const { changed } = await handlers.cycle();
          if (changed && !buildReasons.includes('ingest')) buildReasons.push('ingest');
        } catch (error) {
          handlers.onError('cycle', error);
        }
      } else {
        const reasons = buildReasons;
        buildReasons = [];
        running = 'build';
        notify();
        try {
          await handlers.build(reasons);
        } catch (error) {
          handlers.onError('build', error);
        }
      }
      running = null;
    }
    running = null;
    notify();
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  const kick = () => {
    if (running === null && !stopped) void loop();
    else notify();
  };

  return {
    requestCycle() {
      if (stopped) return;
      cycleQueued = true;
      kick();
    },
    requestBuild(reason) {
      const answer = running === null ? 'started' : buildReasons.length > 0 ? 'already-queued' : 'queued';
      if (stopped) return answer;
      if (!buildReasons.includes(reason)) buildReasons.push(reason);
      kick();
      return answer;
    },
    get state() {
      return state();
    },
    idle: () => (running === null && !cycleQueued && buildReasons.length === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    stop() {
      stopped = true;
      cycleQueued = false;
      buildReasons = [];
      return running === null ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
  };
}
