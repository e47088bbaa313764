import type { RebuildRunner, RebuildState } from './rebuild.ts';

// Under the service (`npm start`), the site server is a child process and the
// rebuild queue lives in the service: the webhook route hands each rebuild to
// it over the IPC channel, so webhook rebuilds and scheduled refreshes share
// one queue. The service sends its queue state back after every change.

export const REBUILD_REQUEST = 'medclusters:rebuild';
export const QUEUE_STATE = 'medclusters:queue';

export type RebuildRequestMessage = { type: typeof REBUILD_REQUEST };
export type QueueStateMessage = { type: typeof QUEUE_STATE; buildRunning: boolean; buildQueued: boolean };

export const isRebuildRequest = (message: unknown): message is RebuildRequestMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === REBUILD_REQUEST;

/** A runner that asks the parent service for the rebuild; `send` is `process.send`. */
export function createParentRunner(send: (message: RebuildRequestMessage) => void, onMessage: (listener: (message: unknown) => void) => void): RebuildRunner {
  let running = false;
  let queued = false;
  onMessage((message) => {
    if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === QUEUE_STATE) {
      running = (message as QueueStateMessage).buildRunning;
      queued = (message as QueueStateMessage).buildQueued;
    }
  });
  return {
    request(): RebuildState {
      send({ type: REBUILD_REQUEST });
      const answer: RebuildState = !running ? 'started' : queued ? 'already-queued' : 'queued';
      if (running) queued = true;
      else running = true;
      return answer;
    },
    get running() {
      return running;
    },
    get queued() {
      return queued;
    },
    idle: () => Promise.resolve(),
  };
}
