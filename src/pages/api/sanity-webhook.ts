import type { APIRoute } from 'astro';
import { handleWebhook } from '../../lib/webhook/handler.ts';
import { createRebuildRunner, runShellCommand, type RebuildRunner } from '../../lib/webhook/rebuild.ts';
import { createReplayCache } from '../../lib/webhook/verify.ts';

// Sanity calls this when editors publish; it rebuilds the static site with the
// configured command. One runner and one replay cache per server process.
export const prerender = false;

const replays = createReplayCache();
let runner: RebuildRunner | null | undefined;

function rebuildRunner(): RebuildRunner | null {
  if (runner === undefined) {
    const command = process.env.MEDCLUSTERS_REBUILD_COMMAND?.trim();
    runner = command ? createRebuildRunner(() => runShellCommand(command), (error) => console.error(`[rebuild] ${(error as Error).message}`)) : null;
  }
  return runner;
}

export const POST: APIRoute = ({ request }) =>
  handleWebhook(request, { secret: process.env.SANITY_WEBHOOK_SECRET, replays, runner: rebuildRunner() });
