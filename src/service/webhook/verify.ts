import { decodeSignatureHeader, isValidSignature } from '@sanity/webhook';

// Sanity signs each webhook call: header `sanity-webhook-signature:
// t=<ms>,v1=<base64url HMAC-SHA256 of "t.body">`. A valid signature proves the
// sender knows the secret; the timestamp and the replay cache stop a captured
// request from being sent again.

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

export async function verifyWebhook(input: {
  body: string;
  signature: string | null;
  secret: string | undefined;
  now: number;
  replays: ReplayCache;
  maxAgeMs?: number;
}): Promise<WebhookVerdict> {
  const maxAgeMs = input.maxAgeMs ?? MAX_WEBHOOK_AGE_MS;
  if (!input.secret) return { ok: false, code: 'not_configured', message: 'SANITY_WEBHOOK_SECRET is not set' };
  if (!input.signature) return { ok: false, code: 'bad_signature', message: 'no sanity-webhook-signature header' };
  let timestamp: number;
  try {
    timestamp = decodeSignatureHeader(input.signature).timestamp;
  } catch {
    return { ok: false, code: 'bad_signature', message: 'malformed sanity-webhook-signature header' };
  }
  let valid = false;
  try {
    valid = input.body !== '' && (await isValidSignature(input.body, input.signature, input.secret));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, code: 'bad_signature', message: 'signature does not match the body and secret' };
  if (Math.abs(input.now - timestamp) > maxAgeMs) {
    return { ok: false, code: 'stale', message: `signature timestamp ${new Date(timestamp).toISOString()} is more than ${maxAgeMs / 1000}s from now` };
  }
  if (input.replays.seen(input.signature, timestamp, input.now)) return { ok: false, code: 'replay', message: 'this signature was already used' };
  return { ok: true, timestamp };
}
