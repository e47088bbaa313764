import { SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import type { RebuildRunner } from './rebuild.ts';
import { verifyWebhook, type ReplayCache } from './verify.ts';

export type WebhookDeps = {
  /** SANITY_WEBHOOK_SECRET: the secret set on the webhook in Sanity's manage page. */
  secret: string | undefined;
  replays: ReplayCache;
  /** Null when MEDCLUSTERS_REBUILD_COMMAND is not set. */
  runner: RebuildRunner | null;
  now?: () => number;
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

/**
 * POST /api/sanity-webhook. Anything not signed with the secret, older than
 * five minutes or already seen gets 401 before any work; a valid call starts
 * a rebuild, or queues one behind the running one.
 */
export async function handleWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  const body = await request.text();
  const verdict = await verifyWebhook({
    body,
    signature: request.headers.get(SIGNATURE_HEADER_NAME),
    secret: deps.secret,
    now: (deps.now ?? Date.now)(),
    replays: deps.replays,
  });
  if (!verdict.ok) return json(401, { status: 'rejected', code: verdict.code });
  if (deps.runner === null) return json(503, { status: 'error', code: 'rebuild_not_configured', message: 'MEDCLUSTERS_REBUILD_COMMAND is not set' });
  return json(202, { status: deps.runner.request() });
}
