import { parseArgs } from 'node:util';
import path from 'node:path';
import { z } from 'zod';
import Table from 'cli-table3';
import { SingleBar, Presets } from 'cli-progress';
import { describeZodError } from '../lib/schemaErrors.ts';
import { loadSources, type SourceConfig } from '../pipeline/sources/sources.ts';
import { openStore } from '../pipeline/store/openStore.ts';
import { exitCodeOf, runIngest, type RunReport, type PipelineStages } from '../pipeline/run.ts';
import { createDefaultStages } from '../pipeline/stages.ts';
import { loadTagger } from '../pipeline/tag/index.ts';
import { loadSeedDocuments, planSeedMutations } from '../lib/content/seed/seedDocuments.ts';
import { loadSampleTranslations, planSampleTranslationMutations } from '../lib/content/seed/sampleTranslations.ts';
import { openTranslationCache, translateStore, translationSetupFromEnv } from '../pipeline/translate/index.ts';

const argsSchema = z.object({
  sources: z.array(z.string().min(1)).min(1),
  data: z.string().min(1),
  only: z.array(z.string().regex(/^[a-z0-9-]+$/, 'must be a source id')).optional(),
  dryRun: z.boolean(),
  force: z.boolean(),
  json: z.boolean(),
});
export type IngestArgs = z.infer<typeof argsSchema>;

export const INGEST_USAGE = `usage: npm run ingest -- [--sources FILE]... [--data DIR] [--only SOURCE_ID]... [--dry-run] [--force] [--json]
  --sources FILE   sources file (default content/sources.json); repeat to ingest several
  --data DIR       dataset folder: DIR/dataset.ndjson (default content/)
  --only ID        only this source (repeatable); fetched even while backing off
  --dry-run        fetch and process, report, write nothing
  --force          fetch sources that are backing off after failures
  --json           print the run report as JSON instead of a table
exit status: 0 run completed, 1 no source succeeded and every one failed or is backing off after failures,
  2 bad configuration or dataset not writable`;

export function parseIngestArgs(argv: string[], root: string): { ok: true; value: IngestArgs } | { ok: false; message: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sources: { type: 'string', multiple: true },
        data: { type: 'string' },
        only: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (values.help) return { ok: false, message: '' };
  const parsed = argsSchema.safeParse({
    sources: (values.sources ?? [path.join(root, 'content/sources.json')]).map((file) => path.resolve(file)),
    data: path.resolve(values.data ?? path.join(root, 'content')),
    only: values.only,
    dryRun: values['dry-run'],
    force: values.force,
    json: values.json,
  });
  if (!parsed.success) return { ok: false, message: describeZodError(parsed.error, 'args') };
  return { ok: true, value: parsed.data };
}

const cell = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

export function formatReportTable(report: RunReport): string {
  const table = new Table({
    head: ['source', 'status', 'new', 'updated', 'unchanged', 'dup', 'dropped', 'time', 'error'],
    style: { head: [], border: [] },
  });
  for (const source of report.sources) {
    table.push([
      source.sourceId,
      source.status,
      source.items.new,
      source.items.updated,
      source.items.unchanged,
      source.items.duplicate,
      source.droppedItems,
      `${(source.ms / 1000).toFixed(2)} s`,
      source.error ? cell(`${source.stage ? `${source.stage}/` : ''}${source.error.code}: ${source.error.message}`, 90) : '',
    ]);
  }
  const { totals } = report;
  const lines = [
    table.toString(),
    ...(report.translation ? [formatTranslationLine(report.translation)] : []),
    `${totals.sources} sources, ${totals.failed} failed, ${totals.backingOff} backing off after failures; items: ${totals.new} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.duplicate} seen in another source, ${totals.dropped} dropped (the same item twice in one feed)`,
    report.datasetError
      ? `dataset NOT written: ${report.datasetError.code}: ${report.datasetError.message}`
      : report.dryRun
        ? `dry run: nothing written to ${report.datasetLocation}`
        : `dataset: ${report.datasetLocation}`,
  ];
  return lines.join('\n');
}

/** One line about a translation run: what was needed, done, paid for and left. */
export function formatTranslationLine(report: NonNullable<RunReport['translation']>): string {
  const failure = report.storeError ?? report.error;
  return (
    `translation (${report.provider}): ${report.needed} needed, ${report.translated} translated (${report.cachedTexts} texts from the cache), ` +
    `${report.characters}/${report.budget} characters sent, ${report.deferred} deferred, ${report.unsupported} unsupported` +
    (failure ? `; ${failure.code}: ${failure.message}` : '')
  );
}

export type IngestIO = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  stages?: PipelineStages;
  /** The environment the translation provider is read from (default process.env). */
  env?: Record<string, string | undefined>;
};

/** The whole `npm run ingest` command; returns the exit status. */
export async function ingestCommand(argv: string[], root: string, io: IngestIO): Promise<number> {
  const args = parseIngestArgs(argv, root);
  if (!args.ok) {
    if (args.message) io.stderr(`ingest: ${args.message}\n`);
    io.stderr(`${INGEST_USAGE}\n`);
    return 2;
  }
  const sources: SourceConfig[] = [];
  for (const file of args.value.sources) {
    const loaded = await loadSources(file);
    if (!loaded.ok) {
      io.stderr(`ingest: bad configuration: ${loaded.error.code}: ${loaded.error.message}\n`);
      return 2;
    }
    sources.push(...loaded.value);
  }
  const ids = new Set<string>();
  for (const source of sources) {
    if (ids.has(source.id)) {
      io.stderr(`ingest: bad configuration: source id "${source.id}" appears in more than one sources file\n`);
      return 2;
    }
    ids.add(source.id);
  }
  let selected = sources;
  if (args.value.only) {
    const unknown = args.value.only.filter((id) => !ids.has(id));
    if (unknown.length > 0) {
      io.stderr(`ingest: --only: no source with id ${unknown.join(', ')} (known: ${[...ids].join(', ')})\n`);
      return 2;
    }
    selected = sources.filter((source) => args.value.only!.includes(source.id));
  }

  let stages = io.stages;
  if (!stages) {
    const tagger = loadTagger(path.join(root, 'content/rules'));
    if (!tagger.ok) {
      io.stderr(`ingest: bad configuration: ${tagger.error.code}: ${tagger.error.message}\n`);
      return 2;
    }
    stages = createDefaultStages({ tagger: tagger.value });
  }
  // Pages and site settings from content/pages/ (read now, so docs/tagging.md's current text goes in).
  const seeds = await loadSeedDocuments(root);
  if (!seeds.ok) {
    io.stderr(`ingest: bad configuration: ${seeds.error.code}: ${seeds.error.message}\n`);
    return 2;
  }
  const sampleTranslations = await loadSampleTranslations(root);
  if (!sampleTranslations.ok) {
    io.stderr(`ingest: bad configuration: ${sampleTranslations.error.code}: ${sampleTranslations.error.message}\n`);
    return 2;
  }
  const translation = translationSetupFromEnv(io.env ?? process.env);
  if (!translation.ok) {
    io.stderr(`ingest: bad configuration: ${translation.error.code}: ${translation.error.message}\n`);
    return 2;
  }
  const bar = io.isTTY && !args.value.json ? new SingleBar({ format: 'ingest {bar} {value}/{total} sources | {last}', stream: process.stderr, hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(selected.length, 0, { last: '' });
  const store = openStore(args.value.data);
  const report = await runIngest(selected, store, stages, {
    dryRun: args.value.dryRun,
    force: args.value.force || args.value.only !== undefined,
    onSourceProcessed: (source) => bar?.increment({ last: `${source.sourceId}: ${source.status}` }),
    seed: (existing) => [
      ...planSeedMutations(existing, seeds.value).mutations,
      ...(sampleTranslations.value ? planSampleTranslationMutations(existing, sampleTranslations.value) : []),
    ],
  });
  bar?.stop();
  // After the items are stored and tagged: machine translations of what the site shows (a failure is in the report).
  if (translation.value !== null && !report.datasetError && !args.value.dryRun) {
    const { provider, budget } = translation.value;
    report.translation = await translateStore(store, provider, await openTranslationCache(args.value.data), { budget });
  }
  io.stdout(args.value.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReportTable(report)}\n`);
  return exitCodeOf(report);
}
