import { SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import { MAX_WEBHOOK_BODY_BYTES, readBodyLimited } from './body.ts';
import type { RebuildRunner } from './rebuild.ts';
import { checkSignatureHeader, verifyWebhook, type ReplayCache } from './verify.ts';

export type WebhookDeps = {
  /** SANITY_WEBHOOK_SECRET: the secret set on the webhook in Sanity's manage page. */
  secret: string | undefined;
  replays: ReplayCache;
  /** Null when MEDCLUSTERS_REBUILD_COMMAND is not set. */
  runner: RebuildRunner | null;
  now?: () => number;
  /** Largest body read (default MAX_WEBHOOK_BODY_BYTES, 1 MB). */
  maxBodyBytes?: number;
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

/**
 * POST /api/sanity-webhook. A call without a well-formed, fresh signature
 * header gets 401 before its body is read (an unsigned caller costs one
 * header parse); a body over the cap gets 413 without being read to its end;
 * a signature that does not match the body, or was already seen, gets 401; a
 * valid call starts a rebuild, or queues one behind the running one.
 */
export async function handleWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  const now = (deps.now ?? Date.now)();
  const header = checkSignatureHeader({ signature: request.headers.get(SIGNATURE_HEADER_NAME), secret: deps.secret, now });
  if (!header.ok) {
    await request.body?.cancel().catch(() => undefined);
    return json(401, { status: 'rejected', code: header.code });
  }
  const body = await readBodyLimited(request, deps.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES);
  if (!body.ok) {
    return body.error.code === 'too_large' ? json(413, { status: 'rejected', code: 'too_large' }) : json(400, { status: 'rejected', code: 'unreadable' });
  }
  const verdict = await verifyWebhook({
    body: body.value,
    signature: request.headers.get(SIGNATURE_HEADER_NAME),
    secret: deps.secret,
    now,
    replays: deps.replays,
  });
  if (!verdict.ok) return json(401, { status: 'rejected', code: verdict.code });
  if (deps.runner === null) return json(503, { status: 'error', code: 'rebuild_not_configured', message: 'MEDCLUSTERS_REBUILD_COMMAND is not set' });
  return json(202, { status: deps.runner.request() });
}
