import { parseArgs } from 'node:util';
import path from 'node:path';
import { z } from 'zod';
import Table from 'cli-table3';
import { SingleBar, Presets } from 'cli-progress';
import { describeZodError } from '../lib/schemaErrors.ts';
import { loadSources, type SourceConfig } from '../pipeline/sources/sources.ts';
import { openStore } from '../pipeline/store/openStore.ts';
import { exitCodeOf, runIngest, type RunReport, type PipelineStages } from '../pipeline/run.ts';
import { fail, ok, type Result } from '../pipeline/model.ts';
import { createDefaultStages } from '../pipeline/stages.ts';
import { loadTagger } from '../pipeline/tag/index.ts';
import { loadSeedDocuments, planSeedMutations } from '../lib/content/seed/seedDocuments.ts';
import { prepareDataFolder, resolveDataFolder } from '../lib/content/dataFolder.ts';
import { loadSampleTranslations, planSampleTranslationMutations } from '../lib/content/seed/sampleTranslations.ts';
import { openTranslationCache, translateStore, translationSetupFromEnv } from '../pipeline/translate/index.ts';

const argsSchema = z.object({
  sources: z.array(z.string().min(1)).min(1),
  data: z.string().min(1),
  /** Named by --data or MEDCLUSTERS_DATA_DIR rather than the default `data/`. */
  dataExplicit: z.boolean(),
  only: z.array(z.string().regex(/^[a-z0-9-]+$/, 'must be a source id')).optional(),
  dryRun: z.boolean(),
  force: z.boolean(),
  json: z.boolean(),
});
export type IngestArgs = z.infer<typeof argsSchema>;

export const INGEST_USAGE = `usage: npm run ingest -- [--sources FILE]... [--data DIR] [--only SOURCE_ID]... [--dry-run] [--force] [--json]
  --sources FILE   sources file (default content/sources.json); repeat to ingest several
  --data DIR       data folder: DIR/dataset.ndjson (default MEDCLUSTERS_DATA_DIR, else data/, seeded from
                   content/dataset.ndjson on first use; a new folder gets a new dataset)
  --only ID        only this source (repeatable); fetched even while backing off
  --dry-run        fetch and process, report, write nothing
  --force          fetch sources that are backing off after failures
  --json           print the run report as JSON instead of a table
exit status: 0 run completed, 1 no source succeeded and every one failed or is backing off after failures,
  2 bad configuration or dataset not writable`;

export function parseIngestArgs(argv: string[], root: string, env: Record<string, string | undefined> = process.env): { ok: true; value: IngestArgs } | { ok: false; message: string } {
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
    data: resolveDataFolder(values.data, env, root).dir,
    dataExplicit: resolveDataFolder(values.data, env, root).explicit,
    only: values.only,
    dryRun: values['dry-run'],
    force: values.force,
    json: values.json,
  });
  if (!parsed.success) return { ok: false, message: describeZodError(parsed.error, 'args') };
  return { ok: true, value: parsed.data };
}

const cell = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** Breaks text at spaces into lines of at most `width` characters (a longer word is cut). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest.length > 0; ) {
      const room = line === '' ? width : width - line.length - 1;
      if (rest.length <= room) {
        line = line === '' ? rest : `${line} ${rest}`;
        rest = '';
      } else if (line !== '') {
        lines.push(line);
        line = '';
      } else {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

const errorText = (source: RunReport['sources'][number]): string =>
  source.error ? `${source.stage ? `${source.stage}/` : ''}${source.error.code}: ${source.error.message}` : '';

/**
 * The run report as a table. `width` is the terminal's (columns): wide
 * terminals get the error as the last column (at least 40 characters wide),
 * narrower ones (80 columns included) get short headers and the error on a row of its own under its
 * source, every line within the width. Without a width (output to a file or
 * a pipe) the error column is cut at 90 characters.
 */
export function formatReportTable(report: RunReport, width?: number): string {
  const counts = (source: RunReport['sources'][number]) => [
    source.items.new,
    source.items.updated,
    source.items.unchanged,
    source.items.duplicate,
    source.droppedItems,
    `${(source.ms / 1000).toFixed(2)} s`,
  ];
  const longestId = Math.max(6, ...report.sources.map((source) => source.sourceId.length));
  const longestStatus = Math.max(6, ...report.sources.map((source) => source.status.length));
  const plain = { style: { head: [], border: [] } };
  let table: InstanceType<typeof Table>;
  // Each column costs its text plus two of padding and one of border; the last border closes the line.
  const fixed = [longestId, longestStatus, 3, 7, 9, 5, 7, 8].reduce((sum, column) => sum + column + 3, 1);
  if (width === undefined || width - fixed - 3 >= 40) {
    const head = ['source', 'status', 'new', 'updated', 'unchanged', 'dup', 'dropped', 'time', 'error'];
    const errorWidth = width === undefined ? 90 : width - fixed - 3;
    table = new Table({ head, ...plain, ...(width === undefined ? {} : { colWidths: [longestId + 2, longestStatus + 2, 5, 9, 11, 7, 9, 10, errorWidth + 2], wordWrap: true }) });
    for (const source of report.sources) table.push([source.sourceId, source.status, ...counts(source), width === undefined ? cell(errorText(source), 90) : errorText(source)]);
  } else {
    const head = ['source', 'status', 'new', 'upd', 'same', 'dup', 'drop', 'time'];
    const others = [longestStatus, 4, 4, 4, 4, 4, 8].reduce((sum, column) => sum + column + 3, 1);
    const idWidth = Math.max(8, Math.min(longestId, width - others - 3));
    const inner = others + idWidth + 3 - 4; // the full row less the outer borders and padding
    table = new Table({ head, ...plain, colWidths: [idWidth + 2, longestStatus + 2, 6, 6, 6, 6, 6, 10] });
    for (const source of report.sources) {
      table.push([cell(source.sourceId, idWidth), source.status, ...counts(source)]);
      const error = errorText(source);
      if (error) table.push([{ colSpan: 8, content: wrapText(`↳ ${error}`, inner).join('\n') }]);
    }
  }
  const { totals } = report;
  const summary = `${totals.sources} sources, ${totals.failed} failed, ${totals.backingOff} backing off after failures; items: ${totals.new} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.duplicate} seen in another source, ${totals.dropped} dropped (the same item twice in one feed)`;
  const dataset = report.datasetError
    ? `dataset NOT written: ${report.datasetError.code}: ${report.datasetError.message}`
    : report.dryRun
      ? `dry run: nothing written to ${report.datasetLocation}`
      : `dataset: ${report.datasetLocation}`;
  const fit = (text: string) => (width === undefined ? [text] : wrapText(text, width));
  return [table.toString(), ...(report.translation ? fit(formatTranslationLine(report.translation)) : []), ...fit(summary), ...fit(dataset)].join('\n');
}

/** Every source of several sources files; an id in two files is an error. */
export async function loadSourceFiles(files: readonly string[]): Promise<Result<SourceConfig[]>> {
  const sources: SourceConfig[] = [];
  const ids = new Set<string>();
  for (const file of files) {
    const loaded = await loadSources(file);
    if (!loaded.ok) return loaded;
    for (const source of loaded.value) {
      if (ids.has(source.id)) return fail('sources_duplicate_id', `source id "${source.id}" appears in more than one sources file`);
      ids.add(source.id);
      sources.push(source);
    }
  }
  return ok(sources);
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
  /** The terminal's width, when the report goes to one (process.stdout.columns). */
  columns?: number;
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
  const loaded = await loadSourceFiles(args.value.sources);
  if (!loaded.ok) {
    io.stderr(`ingest: bad configuration: ${loaded.error.code}: ${loaded.error.message}\n`);
    return 2;
  }
  const sources = loaded.value;
  const ids = new Set(sources.map((source) => source.id));
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
  if (!args.value.dryRun) {
    const folder = await prepareDataFolder({ dir: args.value.data, explicit: args.value.dataExplicit }, root, 'write');
    if (!folder.ok) {
      io.stderr(`ingest: ${folder.error.code}: ${folder.error.message}\n`);
      return 2;
    }
    if (folder.value.note) io.stderr(`ingest: ${folder.value.note}\n`);
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
  io.stdout(args.value.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReportTable(report, io.columns)}\n`);
  return exitCodeOf(report);
}
