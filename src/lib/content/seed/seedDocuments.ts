import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PAGE_KEYS, PAGE_LANGUAGES, SITE_SETTINGS_ID, pageDocumentId } from '../../../../sanity/schemaTypes/pageIdentity.ts';
import { describeZodError } from '../../schemaErrors.ts';
import { PUBLICATION_POLICIES } from '../publication.ts';
import { fail, ok, type Result } from '../../../pipeline/model.ts';
import type { DatasetDocument } from '../../../pipeline/store/documents.ts';
import type { Mutation } from '../../../pipeline/store/mutations.ts';

// The documents the dataset holds that do not come from feeds: the about and
// methodology pages in both languages and the site settings. They are
// described by content/pages/pages.json; a page body is made of Markdown
// files read when the seeding runs (docs/tagging.md among them, so a new
// version of the tagging figures reaches the methodology page on the next
// ingest without anyone copying text).
//
// Never overwrite an editor's work: a seeded document records `seedHash`, a
// hash of the fields the seeding wrote. The seeding
//   - creates a missing document (createIfNotExists);
//   - updates it only when its seeded fields still hash to `seedHash` (no one
//     changed them since) and the source files now give something else;
//   - leaves it alone otherwise: once an editor changes a seeded field (or
//     made the document themselves, with no `seedHash`), it is theirs.

export const PAGES_MANIFEST = 'content/pages/pages.json';

const text = z.string().trim().min(1);
const localized = z.strictObject({ ru: text, en: text });
const repoPath = z
  .string()
  .min(1)
  .refine((value) => !path.isAbsolute(value) && !value.split(/[\\/]/).includes('..'), 'must be a path inside the repository (no "..", not absolute)')
  .refine((value) => value.endsWith('.md'), 'must be a Markdown (.md) file');
const bodyPart = z.union([repoPath, z.strictObject({ file: repoPath, dropFirstHeading: z.boolean() })]);

const pageEntrySchema = z.strictObject({
  key: z.enum(PAGE_KEYS),
  language: z.enum(PAGE_LANGUAGES),
  title: text,
  description: text.optional(),
  /** Markdown files, joined in order; `dropFirstHeading` drops a file's leading `# Title` (the page has its own). */
  body: z.array(bodyPart).min(1),
});

export const pagesManifestSchema = z
  .strictObject({
    $comment: z.string().optional(),
    siteSettings: z.strictObject({
      title: localized,
      description: localized,
      contactEmail: z.email().optional(),
      networkUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
      publicationPolicy: z.enum(PUBLICATION_POLICIES).optional(),
    }),
    pages: z.array(pageEntrySchema).min(1),
  })
  .superRefine((manifest, ctx) => {
    // One page per key and language, as the studio allows.
    const seen = new Set<string>();
    manifest.pages.forEach((page, index) => {
      const id = pageDocumentId(page.key, page.language);
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['pages', index], message: `a second ${page.key} page in "${page.language}"` });
      seen.add(id);
    });
  });
export type PagesManifest = z.infer<typeof pagesManifestSchema>;

/**
 * A document as the seeding wants it: its id and type, the fields it owns
 * (every key of `fields`; an owned field may be undefined, meaning "absent"),
 * and where they came from. Fields it does not own are the editors'.
 */
export type SeedDocument = { _id: string; _type: 'page' | 'siteSettings'; fields: Record<string, unknown>; source: string };

/** Stable JSON (sorted keys) of the seeded fields: the same content always hashes the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const seedHash = (fields: Record<string, unknown>): string => createHash('sha256').update(stableJson(fields)).digest('hex').slice(0, 32);

/** Markdown as the page stores it: LF line ends, no leading title when asked, no surrounding blank lines. */
export function prepareMarkdown(markdown: string, dropFirstHeading: boolean): string {
  const lines = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (dropFirstHeading) {
    const first = lines.findIndex((line) => line.trim() !== '');
    if (first >= 0 && /^#\s+\S/.test(lines[first]!)) lines.splice(0, first + 1);
  }
  return lines.join('\n').trim();
}

/** The seed documents from a parsed manifest, reading each body file under `root`. */
export async function seedDocumentsFrom(manifest: PagesManifest, root: string): Promise<Result<SeedDocument[]>> {
  const pages: SeedDocument[] = [];
  for (const [index, page] of manifest.pages.entries()) {
    const parts: string[] = [];
    for (const [partIndex, part] of page.body.entries()) {
      const file = typeof part === 'string' ? part : part.file;
      let markdown: string;
      try {
        markdown = await readFile(path.join(root, file), 'utf8');
      } catch (error) {
        return fail('page_source_unreadable', `${PAGES_MANIFEST}: pages[${index}].body[${partIndex}]: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      const prepared = prepareMarkdown(markdown, typeof part !== 'string' && part.dropFirstHeading);
      if (prepared === '') return fail('page_source_empty', `${PAGES_MANIFEST}: pages[${index}].body[${partIndex}]: ${file} is empty`);
      parts.push(prepared);
    }
    pages.push({
      _id: pageDocumentId(page.key, page.language),
      _type: 'page',
      fields: { key: page.key, language: page.language, title: page.title, description: page.description, body: `${parts.join('\n\n')}\n` },
      source: page.body.map((part) => (typeof part === 'string' ? part : part.file)).join(' + '),
    });
  }
  const settings = manifest.siteSettings;
  const siteSettings: SeedDocument = {
    _id: SITE_SETTINGS_ID,
    _type: 'siteSettings',
    // `_type` on the objects as the studio writes them, so an untouched document hashes the same after a studio save.
    // The contact fields are the seeding's only when the manifest gives them; otherwise editors fill them in.
    fields: {
      title: { _type: 'localizedString', ...settings.title },
      description: { _type: 'localizedText', ...settings.description },
      ...(settings.contactEmail ? { contactEmail: settings.contactEmail } : {}),
      ...(settings.networkUrl ? { networkUrl: settings.networkUrl } : {}),
      ...(settings.publicationPolicy ? { publicationPolicy: settings.publicationPolicy } : {}),
    },
    source: PAGES_MANIFEST,
  };
  return ok([siteSettings, ...pages]);
}

/** Reads and validates content/pages/pages.json and every file it names; errors name the file and the failing path. */
export async function loadSeedDocuments(root: string): Promise<Result<SeedDocument[]>> {
  const file = path.join(root, PAGES_MANIFEST);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not JSON (${error.message})` : `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    return fail('pages_unreadable', `${PAGES_MANIFEST}: ${reason}`);
  }
  const parsed = pagesManifestSchema.safeParse(json);
  if (!parsed.success) return fail('pages_invalid', `${PAGES_MANIFEST}: ${describeZodError(parsed.error, 'pages.json')}`);
  return seedDocumentsFrom(parsed.data, root);
}

const pick = (document: Record<string, unknown>, names: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(names.filter((name) => document[name] !== undefined && document[name] !== null).map((name) => [name, document[name]]));

export type SeedCounts = { created: number; updated: number; unchanged: number; keptEdited: number };
export type SeedOutcome = 'created' | 'updated' | 'unchanged' | 'kept-edited';

/** What the seeding does with one document, given what the dataset holds. */
export function seedDecision(existing: DatasetDocument | undefined, seed: SeedDocument): SeedOutcome {
  if (existing === undefined) return 'created';
  const wanted = seedHash(seed.fields);
  const recorded = typeof existing.seedHash === 'string' ? existing.seedHash : null;
  // No hash: an editor made it; a hash the content no longer has: an editor changed it.
  if (recorded === null || seedHash(pick(existing, Object.keys(seed.fields))) !== recorded) return 'kept-edited';
  return recorded === wanted ? 'unchanged' : 'updated';
}

/**
 * The mutations that bring the seeded documents up to date without touching
 * an editor's work (see the top of this file). Pure: the dataset is a value.
 */
export function planSeedMutations(existing: ReadonlyMap<string, DatasetDocument>, seeds: readonly SeedDocument[]): { mutations: Mutation[]; counts: SeedCounts } {
  const counts: SeedCounts = { created: 0, updated: 0, unchanged: 0, keptEdited: 0 };
  const mutations: Mutation[] = [];
  for (const seed of seeds) {
    const current = existing.get(seed._id);
    const decision = seedDecision(current, seed);
    const present = pick(seed.fields, Object.keys(seed.fields));
    const stamp = { seedSource: seed.source, seedHash: seedHash(seed.fields) };
    if (decision === 'created') {
      mutations.push({ createIfNotExists: { _id: seed._id, _type: seed._type, ...present, ...stamp } });
      counts.created++;
    } else if (decision === 'updated') {
      const unset = Object.keys(seed.fields).filter((name) => present[name] === undefined && current?.[name] !== undefined);
      mutations.push({ patch: { id: seed._id, set: { ...present, ...stamp }, ...(unset.length > 0 ? { unset } : {}) } });
      counts.updated++;
    } else if (decision === 'unchanged') {
      counts.unchanged++;
    } else {
      counts.keptEdited++;
    }
  }
  return { mutations, counts };
}
