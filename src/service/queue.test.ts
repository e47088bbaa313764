import { describe, expect, it } from 'vitest';
import { createWorkQueue, type QueueState } from './queue.ts';

/** A queue whose steps finish when the test says, recording what ran. */
function harness(changed = true) {
  const log: string[] = [];
  const pending: (() => void)[] = [];
  const states: QueueState[] = [];
  const step = <T>(name: string, value: T) => () =>
    new Promise<T>((resolve) => {
      log.push(`${name}:start`);
      pending.push(() => {
        log.push(`${name}:end`);
        resolve(value);
      });
    });
  const queue = createWorkQueue({
    cycle: step('cycle', { changed }),
    build: (reasons) => step(`build(${reasons.join('+')})`, undefined)(),
    onError: (which, error) => log.push(`${which}:error:${String(error)}`),
    onState: (state) => states.push(state),
  });
  const finish = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    pending.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { queue, log, finish, states };
}

describe('the work queue', () => {
  it('runs an ingest, then the build it asked for', async () => {
    const { queue, log, finish } = harness();
    queue.requestCycle();
    await finish();
    await finish();
    await queue.idle();
    expect(log).toEqual(['cycle:start', 'cycle:end', 'build(ingest):start', 'build(ingest):end']);
  });

  it('does not build after an ingest that changed nothing', async () => {
    const { queue, log, finish } = harness(false);
    queue.requestCycle();
    await finish();
    await queue.idle();
    expect(log).toEqual(['cycle:start', 'cycle:end']);
  });

  it('one build at a time, at most one waiting: webhook calls during a build join the waiting one', async () => {
    const { queue, log, finish } = harness();
    expect(queue.requestBuild('webhook')).toBe('started');
    expect(queue.requestBuild('webhook')).toBe('queued');
    expect(queue.requestBuild('webhook')).toBe('already-queued');
    expect(queue.state).toMatchObject({ running: 'build', buildQueued: true });
    await finish();
    await finish();
    await queue.idle();
    expect(log).toEqual(['build(webhook):start', 'build(webhook):end', 'build(webhook):start', 'build(webhook):end']);
  });

  it('never runs two ingests at once, and an ingest waiting goes before a build waiting', async () => {
    const { queue, log, finish } = harness();
    queue.requestCycle();
    queue.requestCycle();
    queue.requestBuild('webhook');
    queue.requestCycle();
    await finish(); // first cycle; its build joins the webhook's
    await finish(); // the second cycle (the three requests made one)
    await finish(); // one build for both reasons
    await queue.idle();
    expect(log).toEqual(['cycle:start', 'cycle:end', 'cycle:start', 'cycle:end', 'build(webhook+ingest):start', 'build(webhook+ingest):end']);
  });

  it('stop lets the running step finish and drops what waits', async () => {
    const { queue, log, finish } = harness();
    queue.requestCycle();
    queue.requestBuild('webhook');
    const stopped = queue.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(false);
    await finish();
    await stopped;
    queue.requestCycle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toEqual(['cycle:start', 'cycle:end']);
  });

  it('a failing step is reported and the queue goes on', async () => {
    const log: string[] = [];
    const queue = createWorkQueue({
      cycle: () => Promise.reject(new Error('disk full')),
      build: async () => void log.push('build'),
      onError: (which, error) => log.push(`${which}: ${(error as Error).message}`),
    });
    queue.requestCycle();
    queue.requestBuild('webhook');
    await queue.idle();
    expect(log).toEqual(['cycle: disk full', 'build']);
  });
});
