import { describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER_NAME, decodeSignatureHeader, encodeSignatureHeader } from '@sanity/webhook';
import { handleWebhook } from './handler.ts';
import { MAX_WEBHOOK_BODY_BYTES, readBodyLimited } from './body.ts';
import { createRebuildRunner, runShellCommand } from './rebuild.ts';
import { createReplayCache, MAX_WEBHOOK_AGE_MS, signatureMatches, verifyWebhook } from './verify.ts';

const SECRET = 'webhook-secret-for-tests';
const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const BODY = JSON.stringify({ _id: 'item-01f72480c60d0879403dd1ed', _type: 'newsItem', operation: 'update' });

/** A controllable rebuild: each run waits until the test releases it. */
function fakeRebuild() {
  let runs = 0;
  const releases: (() => void)[] = [];
  const runner = createRebuildRunner(
    () =>
      new Promise<void>((resolve) => {
        runs++;
        releases.push(resolve);
      }),
  );
  const releaseOne = async () => {
    while (releases.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    releases.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 1));
  };
  return { runner, releaseOne, runs: () => runs };
}

const post = async (body: string, signature: string | null) =>
  new Request('http://127.0.0.1/api/sanity-webhook', {
    method: 'POST',
    body,
    headers: signature === null ? { 'content-type': 'application/json' } : { 'content-type': 'application/json', [SIGNATURE_HEADER_NAME]: signature },
  });

describe('webhook signature', () => {
  it.each([
    ['valid', SECRET, NOW, BODY, true, undefined],
    ['wrong secret', 'another-secret', NOW, BODY, false, 'bad_signature'],
    ['tampered body', SECRET, NOW, BODY.replace('update', 'delete'), false, 'bad_signature'],
    ['stale (6 min old)', SECRET, NOW - 6 * 60 * 1000, BODY, false, 'stale'],
    ['from the future (6 min)', SECRET, NOW + 6 * 60 * 1000, BODY, false, 'stale'],
    ['just within 5 min', SECRET, NOW - MAX_WEBHOOK_AGE_MS + 1000, BODY, true, undefined],
  ])('%s', async (_name, signingSecret, timestamp, sentBody, ok, code) => {
    const signature = await encodeSignatureHeader(BODY, timestamp, signingSecret);
    const verdict = await verifyWebhook({ body: sentBody, signature, secret: SECRET, now: NOW, replays: createReplayCache() });
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) expect(verdict.code).toBe(code);
  });

  it('rejects a replay of a signature already accepted', async () => {
    const replays = createReplayCache();
    const signature = await encodeSignatureHeader(BODY, NOW, SECRET);
    expect((await verifyWebhook({ body: BODY, signature, secret: SECRET, now: NOW, replays })).ok).toBe(true);
    expect(await verifyWebhook({ body: BODY, signature, secret: SECRET, now: NOW + 1000, replays })).toMatchObject({ ok: false, code: 'replay' });
    // Forgotten once too old to pass the age check anyway.
    await verifyWebhook({ body: BODY, signature: await encodeSignatureHeader(BODY, NOW + 10 * 60 * 1000, SECRET), secret: SECRET, now: NOW + 10 * 60 * 1000, replays });
    expect(replays.size).toBe(1);
  });

  it.each([
    [null, 'bad_signature'],
    ['', 'bad_signature'],
    ['t=abc,v1=xyz', 'bad_signature'],
    ['v1=onlyhash', 'bad_signature'],
  ])('rejects a missing or malformed header %j', async (signature, code) => {
    expect(await verifyWebhook({ body: BODY, signature, secret: SECRET, now: NOW, replays: createReplayCache() })).toMatchObject({ ok: false, code });
  });

  it('rejects everything when no secret is configured', async () => {
    const signature = await encodeSignatureHeader(BODY, NOW, SECRET);
    expect(await verifyWebhook({ body: BODY, signature, secret: undefined, now: NOW, replays: createReplayCache() })).toMatchObject({ ok: false, code: 'not_configured' });
  });
});

describe('signatureMatches', () => {
  it.each([
    ['the signature Sanity sends', SECRET, BODY, true],
    ['another secret', 'another-secret', BODY, false],
    ['another body', SECRET, `${BODY} `, false],
  ])('%s -> %s', async (_name, signingSecret, signedBody, expected) => {
    const { timestamp, hashedPayload } = decodeSignatureHeader(await encodeSignatureHeader(signedBody, NOW, signingSecret));
    expect(signatureMatches(BODY, timestamp, hashedPayload, SECRET)).toBe(expected);
  });

  it.each(['', 'c2hvcnQ', 'x'.repeat(200)])('refuses a hash of the wrong length %j without throwing', (hash) => {
    expect(signatureMatches(BODY, NOW, hash, SECRET)).toBe(false);
  });
});

describe('POST /api/sanity-webhook', () => {
  it('answers 401 without starting a rebuild for a bad, stale or replayed call; 202 for a valid one', async () => {
    const rebuild = fakeRebuild();
    const deps = { secret: SECRET, replays: createReplayCache(), runner: rebuild.runner, now: () => NOW };
    const wrong = await handleWebhook(await post(BODY, await encodeSignatureHeader(BODY, NOW, 'nope')), deps);
    const stale = await handleWebhook(await post(BODY, await encodeSignatureHeader(BODY, NOW - 3_600_000, SECRET)), deps);
    const unsigned = await handleWebhook(await post(BODY, null), deps);
    expect([wrong.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    expect(await stale.json()).toEqual({ status: 'rejected', code: 'stale' });
    expect(rebuild.runs()).toBe(0);
    const signature = await encodeSignatureHeader(BODY, NOW, SECRET);
    const valid = await handleWebhook(await post(BODY, signature), deps);
    expect(valid.status).toBe(202);
    expect(await valid.json()).toEqual({ status: 'started' });
    const replay = await handleWebhook(await post(BODY, signature), deps);
    expect(replay.status).toBe(401);
    await rebuild.releaseOne();
    await rebuild.runner.idle();
    expect(rebuild.runs()).toBe(1);
  });

  it('without a rebuild command, a valid call gets 503 and a bad one still 401', async () => {
    const deps = { secret: SECRET, replays: createReplayCache(), runner: null, now: () => NOW };
    expect((await handleWebhook(await post(BODY, await encodeSignatureHeader(BODY, NOW, SECRET)), deps)).status).toBe(503);
    expect((await handleWebhook(await post(BODY, 'garbage'), deps)).status).toBe(401);
  });
});

describe('the body cap', () => {
  /** A body that streams `chunks` pieces of `size` bytes, counting how many were pulled. */
  const streamed = (chunks: number, size: number) => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= chunks) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
    });
    return { stream, pulled: () => pulled };
  };
  const postStream = (stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    new Request('http://127.0.0.1/api/sanity-webhook', { method: 'POST', body: stream, headers, duplex: 'half' } as RequestInit);

  it('refuses a declared length over the cap without reading the body: 413, no rebuild', async () => {
    const rebuild = fakeRebuild();
    const body = streamed(5, 1000);
    // A fresh, well-formed signature header: the only kind of call whose body is looked at.
    const headers = { 'content-length': String(MAX_WEBHOOK_BODY_BYTES + 1), [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(BODY, NOW, SECRET) };
    const response = await handleWebhook(postStream(body.stream, headers), { secret: SECRET, replays: createReplayCache(), runner: rebuild.runner, now: () => NOW });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ status: 'rejected', code: 'too_large' });
    expect(body.pulled()).toBeLessThanOrEqual(1); // a stream may pre-fill one chunk; nothing was read past it
    expect(rebuild.runs()).toBe(0);
  });

  it.each([
    ['unsigned', async () => ({})],
    ['malformed', async () => ({ [SIGNATURE_HEADER_NAME]: 't=abc,v1=xyz' })],
    ['stale', async () => ({ [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(BODY, NOW - 3_600_000, SECRET) })],
    ['from the future', async () => ({ [SIGNATURE_HEADER_NAME]: await encodeSignatureHeader(BODY, NOW + 3_600_000, SECRET) })],
  ])('answers a %s call with 401 without reading its body', async (_name, headersOf) => {
    const body = streamed(1000, 64 * 1024);
    const response = await handleWebhook(postStream(body.stream, (await headersOf()) as Record<string, string>), { secret: SECRET, replays: createReplayCache(), runner: fakeRebuild().runner, now: () => NOW });
    expect(response.status).toBe(401);
    expect(body.pulled()).toBeLessThanOrEqual(1);
  });

  it('stops reading a body that streams past the cap (no length given)', async () => {
    const body = streamed(1000, 64 * 1024); // 64 MB on offer
    const result = await readBodyLimited(postStream(body.stream), MAX_WEBHOOK_BODY_BYTES);
    expect(result).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(body.pulled()).toBeLessThanOrEqual(Math.ceil(MAX_WEBHOOK_BODY_BYTES / (64 * 1024)) + 2);
  });

  it('reads a body within the cap whole, so its signature still verifies', async () => {
    const payload = JSON.stringify({ _id: 'item-1', text: 'ж'.repeat(1000) });
    expect(await readBodyLimited(new Request('http://127.0.0.1/', { method: 'POST', body: payload }), 10_000)).toEqual({ ok: true, value: payload });
    const exactly = 'a'.repeat(100);
    expect((await readBodyLimited(new Request('http://127.0.0.1/', { method: 'POST', body: exactly }), 100)).ok).toBe(true);
    expect((await readBodyLimited(new Request('http://127.0.0.1/', { method: 'POST', body: `${exactly}a` }), 100)).ok).toBe(false);
    const deps = { secret: SECRET, replays: createReplayCache(), runner: fakeRebuild().runner, now: () => NOW, maxBodyBytes: 100 };
    expect((await handleWebhook(await post(BODY, await encodeSignatureHeader(BODY, NOW, SECRET)), deps)).status).toBe(202);
  });
});

describe('rebuild coalescing', () => {
  it('runs one at a time; calls during a run queue exactly one more', async () => {
    const rebuild = fakeRebuild();
    expect(rebuild.runner.request()).toBe('started');
    expect(rebuild.runner.request()).toBe('queued');
    expect(rebuild.runner.request()).toBe('already-queued');
    expect(rebuild.runner.request()).toBe('already-queued');
    expect(rebuild.runs()).toBe(1);
    await rebuild.releaseOne();
    expect(rebuild.runs()).toBe(2);
    expect(rebuild.runner.queued).toBe(false);
    expect(rebuild.runner.request()).toBe('queued');
    await rebuild.releaseOne();
    await rebuild.releaseOne();
    await rebuild.runner.idle();
    expect(rebuild.runs()).toBe(3);
    expect(rebuild.runner.running).toBe(false);
    expect(rebuild.runner.request()).toBe('started');
    await rebuild.releaseOne();
    await rebuild.runner.idle();
  });

  it('a failing rebuild is reported and does not block the next one', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const runner = createRebuildRunner(async () => {
      calls++;
      if (calls === 1) throw new Error('build failed');
    }, (error) => errors.push(error));
    runner.request();
    runner.request();
    await runner.idle();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('runs a shell command and reports its exit status', async () => {
    const lines: string[] = [];
    await expect(runShellCommand('exit 0', (line) => lines.push(line))).resolves.toBeUndefined();
    await expect(runShellCommand('exit 3', (line) => lines.push(line))).rejects.toThrow(/exited with 3/);
    expect(lines[0]).toBe('[rebuild] exit 0');
  });
});
