import type { APIRoute } from 'astro';
import { handleWebhook } from '../../service/webhook/handler.ts';
import { createRebuildRunner, runShellCommand, type RebuildRunner } from '../../service/webhook/rebuild.ts';
import { createReplayCache } from '../../service/webhook/verify.ts';
import { createParentRunner } from '../../service/webhook/parentRunner.ts';

// Sanity calls this when editors publish; it rebuilds the static site: through
// the service's queue when the server runs under `npm start` (an IPC channel to
// it), else with the configured command. One runner and one replay cache per
// server process.
export const prerender = false;

const replays = createReplayCache();
// Under the service, made when the server loads this route (at start), so it hears every queue state the service sends.
let runner: RebuildRunner | null | undefined =
  process.env.MEDCLUSTERS_SERVICE === '1' && process.send
    ? createParentRunner((message) => process.send?.(message), (listener) => process.on('message', listener))
    : undefined;

function rebuildRunner(): RebuildRunner | null {
  if (runner === undefined) {
    const command = process.env.MEDCLUSTERS_REBUILD_COMMAND?.trim();
    runner = command ? createRebuildRunner(() => runShellCommand(command), (error) => console.error(`[rebuild] ${(error as Error).message}`)) : null;
  }
  return runner;
}

export const POST: APIRoute = ({ request }) =>
  handleWebhook(request, { secret: process.env.SANITY_WEBHOOK_SECRET, replays, runner: rebuildRunner() });
