import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../../schemaErrors.ts';
import { fail, ok, type Result } from '../../../pipeline/model.ts';
import { refOf, type DatasetDocument } from '../../../pipeline/store/documents.ts';
import type { Mutation } from '../../../pipeline/store/mutations.ts';
import { seedHash } from './seedDocuments.ts';

// The bundled sample items' translations (content/demo/translations.json),
// written by an editor for the sample data and stored as editors' text
// (`translations`, reviewed against the original as it is), so the English
// site of a fresh offline clone is readable. Keyed by the feed's guid of the
// sample item (`medclusters-sample-m001`, made by scripts/make-demo-feeds.ts),
// and applied only to items of sample sources.
//
// Like the seeded pages, never over an editor's work: `translations.seedHash`
// records what the seeding wrote; an item with translations that no longer
// hash to it (an editor changed them), or with translations and no seed hash
// (an editor wrote them), is left alone.

export const SAMPLE_TRANSLATIONS_FILE = 'content/demo/translations.json';

const text = z.string().trim().min(1);
const entry = z.strictObject({ title: text, summary: z.string().trim() });
const fileSchema = z.strictObject({
  $comment: z.string().optional(),
  /** When an editor last checked these translations against the sample items. */
  reviewedAt: z.iso.datetime(),
  items: z.record(z.string().regex(/^medclusters-sample-m\d{3}$/, 'must be a sample item guid (medclusters-sample-mNNN)'), z.strictObject({ en: entry.optional(), ru: entry.optional() })),
});
export type SampleTranslations = z.infer<typeof fileSchema>;

/** The file, or null when there is none (an installation without the bundled samples). */
export async function loadSampleTranslations(root: string): Promise<Result<SampleTranslations | null>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path.join(root, SAMPLE_TRANSLATIONS_FILE), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
    const reason = error instanceof SyntaxError ? `not JSON (${error.message})` : `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    return fail('sample_translations_unreadable', `${SAMPLE_TRANSLATIONS_FILE}: ${reason}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return fail('sample_translations_invalid', `${SAMPLE_TRANSLATIONS_FILE}: ${describeZodError(parsed.error, 'translations.json')}`);
  return ok(parsed.data);
}

type Stored = { en?: unknown; ru?: unknown; seedHash?: unknown } | null | undefined;

const languagesOf = (value: Stored) => ({ en: value?.en, ru: value?.ru });

/**
 * Patches that give sample items their translations: on items of sample
 * sources with no translations yet, or with the translations the seeding
 * wrote before (now changed in the file). Pure.
 */
export function planSampleTranslationMutations(documents: ReadonlyMap<string, DatasetDocument>, file: SampleTranslations): Mutation[] {
  const mutations: Mutation[] = [];
  for (const document of documents.values()) {
    if (document._type !== 'newsItem' || typeof document.guid !== 'string') continue;
    const entry = file.items[document.guid];
    if (entry === undefined || documents.get(refOf(document.source) ?? '')?.sample !== true) continue;
    const languages = {
      ...(entry.en ? { en: { _type: 'translation', ...entry.en } } : {}),
      ...(entry.ru ? { ru: { _type: 'translation', ...entry.ru } } : {}),
    };
    const wanted = seedHash(languages);
    const current = document.translations as Stored;
    if (current !== undefined && current !== null) {
      const untouched = typeof current.seedHash === 'string' && seedHash(languagesOf(current)) === current.seedHash;
      if (!untouched || current.seedHash === wanted) continue;
    }
    mutations.push({
      patch: {
        id: document._id,
        set: {
          translations: {
            _type: 'translations',
            ...languages,
            reviewedAt: file.reviewedAt,
            ...(typeof document.contentHash === 'string' ? { sourceHashAtReview: document.contentHash } : {}),
            sample: true,
            seedHash: wanted,
          },
        },
      },
    });
  }
  return mutations;
}
