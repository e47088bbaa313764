import { describe, expect, it } from 'vitest';
import { createHostScheduler, hostKey } from './scheduler.ts';

type Span = { url: string; start: number; end: number };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `urls` through a scheduler, each task taking `workMs`, and records when each ran. */
async function run(scheduler: ReturnType<typeof createHostScheduler>, urls: string[], workMs: number) {
  const spans: Span[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const started = performance.now();
  await Promise.all(
    urls.map((url) =>
      scheduler.schedule(url, async () => {
        const start = performance.now();
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(workMs);
        inFlight--;
        spans.push({ url, start, end: performance.now() });
        return url;
      }),
    ),
  );
  return { spans: spans.sort((a, b) => a.start - b.start), maxInFlight, elapsed: performance.now() - started };
}

describe('createHostScheduler', () => {
  it('with perHost 1, requests to one host never overlap and are spaced by the delay', async () => {
    const scheduler = createHostScheduler({ concurrency: 6, perHost: 1, perHostDelayMs: 150 });
    const { spans, maxInFlight } = await run(scheduler, ['a', 'b', 'c'].map((p) => `https://news.example.org/${p}.xml`), 40);
    expect(maxInFlight).toBe(1);
    for (let i = 1; i < spans.length; i++) {
      expect(spans[i]!.start - spans[i - 1]!.end).toBeGreaterThanOrEqual(150);
    }
  });

  it('runs different hosts in parallel, up to the global limit, without waiting for the per-host delay', async () => {
    const scheduler = createHostScheduler({ concurrency: 3, perHost: 1, perHostDelayMs: 5_000 });
    const urls = ['a', 'b', 'c', 'd', 'e', 'f'].map((host) => `http://${host}.example.org/feed`);
    const { maxInFlight, elapsed, spans } = await run(scheduler, urls, 100);
    expect(maxInFlight).toBe(3);
    expect(spans).toHaveLength(6);
    // Two waves of 100 ms; the 5 s per-host gap must not apply across hosts.
    expect(elapsed).toBeGreaterThanOrEqual(195);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('lets perHost tasks run against one host at once', async () => {
    const scheduler = createHostScheduler({ concurrency: 10, perHost: 2, perHostDelayMs: 0 });
    const { maxInFlight } = await run(scheduler, Array.from({ length: 6 }, (_, i) => `http://one.example.org/${i}`), 30);
    expect(maxInFlight).toBe(2);
  });

  it('treats ports as different hosts and host names case-insensitively', () => {
    expect(hostKey('http://Example.ORG:8080/feed')).toBe('example.org:8080');
    expect(hostKey('http://example.org/feed')).not.toBe(hostKey('http://example.org:8080/feed'));
    expect(hostKey('file:///tmp/feed.xml')).toBeNull();
    expect(hostKey('not a url')).toBeNull();
  });

  it('does not space file: URLs (no server to be polite to)', async () => {
    const scheduler = createHostScheduler({ concurrency: 4, perHost: 1, perHostDelayMs: 5_000 });
    const { maxInFlight, elapsed } = await run(scheduler, ['file:///tmp/a.xml', 'file:///tmp/b.xml', 'file:///tmp/c.xml'], 50);
    expect(maxInFlight).toBe(3);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('gives back the slot of a task that fails, and passes the failure on', async () => {
    const scheduler = createHostScheduler({ concurrency: 1, perHost: 1, perHostDelayMs: 0 });
    const failing = scheduler.schedule('http://a.example.org/', () => Promise.reject(new Error('boom')));
    const throwing = scheduler.schedule('http://b.example.org/', () => {
      throw new Error('sync boom');
    });
    const next = scheduler.schedule('http://c.example.org/', async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(throwing).rejects.toThrow('sync boom');
    await expect(next).resolves.toBe('ran');
  });

  it.each([{ concurrency: 0 }, { perHost: 0 }, { perHostDelayMs: -1 }])('refuses %o', (options) => {
    expect(() => createHostScheduler(options)).toThrow(RangeError);
  });
});
