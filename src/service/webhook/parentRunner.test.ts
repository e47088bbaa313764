import { describe, expect, it } from 'vitest';
import { createParentRunner, isRebuildRequest, QUEUE_STATE, REBUILD_REQUEST } from './parentRunner.ts';

describe('the webhook runner under the service', () => {
  it('hands each rebuild to the service and answers from the queue state the service last sent', () => {
    const sent: unknown[] = [];
    let listener: (message: unknown) => void = () => undefined;
    const runner = createParentRunner((message) => sent.push(message), (on) => (listener = on));
    expect(runner.request()).toBe('started');
    listener({ type: QUEUE_STATE, buildRunning: true, buildQueued: false });
    expect(runner.request()).toBe('queued');
    listener({ type: QUEUE_STATE, buildRunning: true, buildQueued: true });
    expect(runner.request()).toBe('already-queued');
    listener({ type: QUEUE_STATE, buildRunning: false, buildQueued: false });
    expect(runner.request()).toBe('started');
    listener({ type: 'something else' });
    expect(sent).toEqual(Array.from({ length: 4 }, () => ({ type: REBUILD_REQUEST })));
    expect(sent.every(isRebuildRequest)).toBe(true);
    expect(isRebuildRequest({ type: QUEUE_STATE })).toBe(false);
  });
});
