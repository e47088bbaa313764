import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../pipeline/store/openStore.ts';
import { prepareDataFolder, resolveDataFolder } from '../lib/content/dataFolder.ts';
import { planRetag } from '../pipeline/store/retag.ts';
import { groupStories } from '../pipeline/dedupe/index.ts';
import { classifyOne, loadTagger } from '../pipeline/tag/index.ts';

export const RETAG_USAGE = `usage: npm run retag -- [--data DIR] [--rules DIR] [--dry-run]
Re-applies the language stage and the tag rules to stored items without refetching; editor fields are never written.`;

/** `npm run retag`: returns the exit status (0 done, 2 bad rules or dataset). */
export async function retagCommand(argv: string[], root: string, io: { stdout: (t: string) => void; stderr: (t: string) => void }): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { data: { type: 'string' }, rules: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } }, strict: true }));
  } catch (error) {
    io.stderr(`retag: ${(error as Error).message}\n${RETAG_USAGE}\n`);
    return 2;
  }
  const tagger = loadTagger(path.resolve(values.rules ?? path.join(root, 'content/rules')));
  if (!tagger.ok) {
    io.stderr(`retag: bad rules: ${tagger.error.code}: ${tagger.error.message}\n`);
    return 2;
  }
  const folder = await prepareDataFolder(resolveDataFolder(values.data, process.env, root), root, 'read');
  if (!folder.ok) {
    io.stderr(`retag: ${folder.error.code}: ${folder.error.message}\n`);
    return 2;
  }
  const store = openStore(folder.value.dir);
  const documents = await store.read();
  if (!documents.ok) {
    io.stderr(`retag: ${documents.error.code}: ${documents.error.message}\n`);
    return 2;
  }
  const plan = planRetag(
    documents.value,
    (input) => classifyOne({ id: '', title: input.title, summary: input.summary, lang: input.declared, sourceRegion: input.sourceRegion }, tagger.value),
    (items) => groupStories(items, tagger.value.storyRules),
  );
  const stories = plan.mutations.length - plan.changed;
  io.stdout(`${plan.total} items: language or tags changed on ${plan.changed}, story links changed on ${stories}\n`);
  if (values['dry-run'] || plan.mutations.length === 0) return 0;
  const committed = await store.commit(plan.mutations);
  if (!committed.ok) {
    io.stderr(`retag: ${committed.error.code}: ${committed.error.message}\n`);
    return 2;
  }
  io.stdout(`written: ${store.location}\n`);
  return 0;
}
