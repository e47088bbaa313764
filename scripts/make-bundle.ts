// npm run bundle: regenerates content/dataset.ndjson, the sample dataset a new
// installation's data folder is seeded from. The bundled sample feeds
// (content/demo/) are ingested and every stored item retagged with the current
// rules; the real sources of content/sources.json are recorded as configured,
// never fetched, so the bundle carries no fetch history of the machine that
// made it (a new user's first start is not in backoff, /api/health not
// "degraded").
import path from 'node:path';
import { ingestCommand, loadSourceFiles } from '../src/cli/ingestCommand.ts';
import { retagCommand } from '../src/cli/retagCommand.ts';
import { EMPTY_FETCH_STATE } from '../src/pipeline/fetch/index.ts';
import { openStore } from '../src/pipeline/store/openStore.ts';
import { sourceMutations } from '../src/pipeline/store/plan.ts';

const root = path.resolve(import.meta.dirname, '..');
const content = path.join(root, 'content');
const io = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text), isTTY: false };
const fail = (message: string): never => {
  process.stderr.write(`bundle: ${message}\n`);
  process.exit(2);
};

const ingested = await ingestCommand(['--sources', path.join(content, 'demo/sources.json'), '--data', content, '--force'], root, io);
if (ingested !== 0) fail(`the ingest of the sample feeds exited with ${ingested}`);
if ((await retagCommand(['--data', content], root, io)) !== 0) fail('the retag failed');
const real = await loadSourceFiles([path.join(content, 'sources.json')]);
if (!real.ok) fail(`${real.error.code}: ${real.error.message}`);
const sources = real.ok ? real.value.filter((source) => !source.sample) : [];
const committed = await openStore(content, {}).commit(sources.flatMap((source) => sourceMutations(source, { ...EMPTY_FETCH_STATE }, null)));
if (!committed.ok) fail(`${committed.error.code}: ${committed.error.message}`);
process.stdout.write(`bundle: ${path.relative(root, path.join(content, 'dataset.ndjson'))}: ${sources.length} real sources recorded without fetch state\n`);
