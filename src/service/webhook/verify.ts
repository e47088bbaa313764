import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeSignatureHeader } from '@sanity/webhook';

// Sanity signs each webhook call: header `sanity-webhook-signature:
// t=<ms>,v1=<base64url HMAC-SHA256 of "t.body">`. A valid signature proves the
// sender knows the secret; the timestamp and the replay cache stop a captured
// request from being sent again. The timestamp is checked first (no HMAC for a
// stale call), and the HMAC is compared in constant time.

export const MAX_WEBHOOK_AGE_MS = 5 * 60 * 1000;

export type WebhookRejection = { ok: false; code: 'not_configured' | 'bad_signature' | 'stale' | 'replay'; message: string };
export type WebhookVerdict = { ok: true; timestamp: number } | WebhookRejection;

/** Signatures already accepted, kept as long as their timestamp could still pass the age check. */
export type ReplayCache = {
  /** True when the signature was seen before; otherwise remembers it. */
  seen(signature: string, timestamp: number, now: number): boolean;
  readonly size: number;
};

export function createReplayCache(maxAgeMs = MAX_WEBHOOK_AGE_MS): ReplayCache {
  const expiries = new Map<string, number>();
  return {
    seen(signature, timestamp, now) {
      for (const [key, expiry] of expiries) if (expiry < now) expiries.delete(key);
      if (expiries.has(signature)) return true;
      // A signature is unusable once its timestamp is too old; forget it then.
      expiries.set(signature, timestamp + maxAgeMs);
      return false;
    },
    get size() {
      return expiries.size;
    },
  };
}

export type SignatureHeader = { ok: true; timestamp: number; hashedPayload: string };

/**
 * What can be judged before the body is read: a secret is configured, the
 * header is well-formed and its timestamp is within the age limit. An
 * unsigned, malformed or stale call costs no body read and no HMAC.
 */
export function checkSignatureHeader(input: { signature: string | null; secret: string | undefined; now: number; maxAgeMs?: number }): SignatureHeader | WebhookRejection {
  const maxAgeMs = input.maxAgeMs ?? MAX_WEBHOOK_AGE_MS;
  if (!input.secret) return { ok: false, code: 'not_configured', message: 'SANITY_WEBHOOK_SECRET is not set' };
  if (!input.signature) return { ok: false, code: 'bad_signature', message: 'no sanity-webhook-signature header' };
  let decoded: { timestamp: number; hashedPayload: string };
  try {
    decoded = decodeSignatureHeader(input.signature);
  } catch {
    return { ok: false, code: 'bad_signature', message: 'malformed sanity-webhook-signature header' };
  }
  if (!Number.isFinite(decoded.timestamp)) return { ok: false, code: 'bad_signature', message: 'malformed sanity-webhook-signature header' };
  if (Math.abs(input.now - decoded.timestamp) > maxAgeMs) {
    return { ok: false, code: 'stale', message: `signature timestamp ${new Date(decoded.timestamp).toISOString()} is more than ${maxAgeMs / 1000}s from now` };
  }
  return { ok: true, ...decoded };
}

/** Sanity's v1 signature: base64url of HMAC-SHA256 over `<timestamp>.<body>`, compared in constant time. */
export function signatureMatches(body: string, timestamp: number, hashedPayload: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest();
  const given = Buffer.from(hashedPayload, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function verifyWebhook(input: {
  body: string;
  signature: string | null;
  secret: string | undefined;
  now: number;
  replays: ReplayCache;
  maxAgeMs?: number;
}): Promise<WebhookVerdict> {
  const header = checkSignatureHeader(input);
  if (!header.ok) return header;
  if (input.body === '' || !signatureMatches(input.body, header.timestamp, header.hashedPayload, input.secret!)) {
    return { ok: false, code: 'bad_signature', message: 'signature does not match the body and secret' };
  }
  if (input.replays.seen(input.signature!, header.timestamp, input.now)) return { ok: false, code: 'replay', message: 'this signature was already used' };
  return { ok: true, timestamp: header.timestamp };
}
