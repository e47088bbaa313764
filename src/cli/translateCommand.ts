import { parseArgs } from 'node:util';
import { prepareDataFolder, resolveDataFolder } from '../lib/content/dataFolder.ts';
import { openStore } from '../pipeline/store/openStore.ts';
import { openTranslationCache, translateStore, translationSetupFromEnv } from '../pipeline/translate/index.ts';
import { formatTranslationLine } from './ingestCommand.ts';

export const TRANSLATE_USAGE = `usage: npm run translate -- [--data DIR] [--only ITEM_ID]... [--dry-run] [--json]
Machine translations of the shown items that lack one (or whose original changed), within the run's character budget.
  --only ITEM_ID   only this item (repeatable), e.g. item-01f72480c60d0879403dd1ed
  --dry-run        count what would be sent; ask the provider nothing, write nothing
The provider comes from the environment (DEEPL_AUTH_KEY, or LIBRETRANSLATE_URL; see README.md, "Machine translation").
exit status: 0 done, 1 the provider failed (what was translated before is stored), 2 no provider, bad configuration or dataset`;

type IO = { stdout: (text: string) => void; stderr: (text: string) => void; env?: Record<string, string | undefined> };

/** `npm run translate`: returns the exit status. */
export async function translateCommand(argv: string[], root: string, io: IO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, only: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    io.stderr(`translate: ${(error as Error).message}\n${TRANSLATE_USAGE}\n`);
    return 2;
  }
  const setup = translationSetupFromEnv(io.env ?? process.env);
  if (!setup.ok) {
    io.stderr(`translate: bad configuration: ${setup.error.code}: ${setup.error.message}\n`);
    return 2;
  }
  if (setup.value === null) {
    io.stderr(`translate: no translation provider configured (set DEEPL_AUTH_KEY or LIBRETRANSLATE_URL)\n${TRANSLATE_USAGE}\n`);
    return 2;
  }
  const folder = await prepareDataFolder(resolveDataFolder(values.data, io.env ?? process.env, root), root, 'read');
  if (!folder.ok) {
    io.stderr(`translate: ${folder.error.code}: ${folder.error.message}\n`);
    return 2;
  }
  const data = folder.value.dir;
  const report = await translateStore(openStore(data), setup.value.provider, await openTranslationCache(data), {
    budget: setup.value.budget,
    dryRun: values['dry-run'],
    ...(values.only ? { only: new Set(values.only) } : {}),
  });
  io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatTranslationLine(report)}\n${values['dry-run'] ? 'dry run: nothing sent, nothing written' : `${report.written} items written`}\n`);
  if (report.storeError) return 2;
  return report.error ? 1 : 0;
}
