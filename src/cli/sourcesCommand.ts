// npm run sources -- import FILE.opml | export: OPML in and out of the sources file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { describeZodError } from '../lib/schemaErrors.ts';
import { LANGUAGES } from '../pipeline/model.ts';
import { importOpmlFeeds, readOpml, sourcesToOpml, type SourcesFile } from '../pipeline/sources/opml.ts';
import { sourcesFileSchema } from '../pipeline/sources/sources.ts';

export const SOURCES_USAGE = `usage: npm run sources -- import FILE.opml [--sources FILE] [--language ru|en|uk|be] [--region ID] [--dry-run]
       npm run sources -- export [--sources FILE] [--out FILE.opml]
  import      adds the feeds of an OPML file as sources, each disabled until checked; feeds already listed are skipped
  export      writes the sources that have a feed address as an OPML subscription list (to stdout, or --out)
  --sources   the sources file (default content/sources.json)
  --language  language of imported feeds whose outline names none of ru, en, uk, be (default ru)
  --region    region of the imported sources (a region id of content/taxonomy.json; default none)
  --dry-run   report what would be imported, write nothing
exit status: 0 done, 2 bad arguments, an unreadable or invalid file`;

const argsSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('import'),
    opml: z.string().min(1),
    sources: z.string().min(1),
    language: z.enum(LANGUAGES),
    region: z.string().min(1).nullable(),
    dryRun: z.boolean(),
  }),
  z.object({ action: z.literal('export'), sources: z.string().min(1), out: z.string().min(1).nullable() }),
]);
export type SourcesArgs = z.infer<typeof argsSchema>;

export type SourcesIo = { stdout: (text: string) => void; stderr: (text: string) => void; now?: () => Date };

export function parseSourcesArgs(argv: string[], root: string): { ok: true; value: SourcesArgs } | { ok: false; message: string } {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        sources: { type: 'string' },
        language: { type: 'string' },
        region: { type: 'string' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (values.help) return { ok: false, message: '' };
  const [action, file, ...rest] = positionals;
  if (rest.length > 0) return { ok: false, message: `unexpected arguments: ${rest.join(' ')}` };
  const sources = path.resolve(values.sources ?? path.join(root, 'content/sources.json'));
  const parsed = argsSchema.safeParse(
    action === 'import'
      ? { action, opml: file ? path.resolve(file) : '', sources, language: values.language ?? 'ru', region: values.region ?? null, dryRun: values['dry-run'] }
      : { action, sources, out: values.out ? path.resolve(values.out) : null },
  );
  if (!parsed.success) return { ok: false, message: describeZodError(parsed.error, '') };
  return { ok: true, value: parsed.data };
}

async function readSourcesFile(file: string): Promise<{ ok: true; value: SourcesFile } | { ok: false; message: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { ok: false, message: `${file}: ${(error as Error).message}` };
  }
  const parsed = sourcesFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: `${file}: ${describeZodError(parsed.error, '')}` };
  // Written back as read (no defaults filled in), so an import only adds lines.
  return { ok: true, value: json as SourcesFile };
}

export async function sourcesCommand(argv: string[], root: string, io: SourcesIo): Promise<number> {
  const args = parseSourcesArgs(argv, root);
  if (!args.ok) {
    io.stderr(`${args.message ? `${args.message}\n` : ''}${SOURCES_USAGE}\n`);
    return 2;
  }
  const now = io.now?.() ?? new Date();
  const sources = await readSourcesFile(args.value.sources);
  if (!sources.ok) {
    io.stderr(`${sources.message}\n`);
    return 2;
  }
  if (args.value.action === 'export') {
    const opml = sourcesToOpml(sources.value.sources, { title: 'Medical Clusters Network: news sources', date: now });
    if (args.value.out === null) io.stdout(`${opml}\n`);
    else await writeFileAtomic(args.value.out, `${opml}\n`, { encoding: 'utf8' });
    return 0;
  }
  const { opml: opmlFile, region, language, dryRun } = args.value;
  let text: string;
  try {
    text = await readFile(opmlFile, 'utf8');
  } catch (error) {
    io.stderr(`${opmlFile}: ${(error as Error).message}\n`);
    return 2;
  }
  const feeds = readOpml(text);
  if (!feeds.ok) {
    io.stderr(`${opmlFile}: ${feeds.error.message}\n`);
    return 2;
  }
  const imported = importOpmlFeeds(sources.value, feeds.value, {
    origin: path.basename(opmlFile),
    date: now.toISOString().slice(0, 10),
    defaultLanguage: language,
    region,
  });
  if (!imported.ok) {
    io.stderr(`${opmlFile}: ${imported.error.message}\n`);
    return 2;
  }
  const written = !dryRun && imported.value.added.length > 0;
  if (written) {
    try {
      await writeFileAtomic(args.value.sources, `${JSON.stringify(imported.value.file, null, 2)}\n`, { encoding: 'utf8' });
    } catch (error) {
      io.stderr(`${args.value.sources}: cannot write (${(error as Error).message})\n`);
      return 2;
    }
  }
  for (const source of imported.value.added) io.stdout(`added    ${source.id}  ${source.feedUrl}  (disabled until checked)\n`);
  for (const skip of imported.value.skipped) io.stdout(`skipped  ${skip.xmlUrl}  ${skip.reason}\n`);
  io.stdout(`${imported.value.added.length} added, ${imported.value.skipped.length} skipped${written ? `: ${args.value.sources}` : dryRun ? ' (dry run: nothing written)' : ''}\n`);
  return 0;
}
