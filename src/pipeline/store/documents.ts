import { z } from 'zod';

// The dataset's document shapes, as Sanity stores them. Reading is lenient about
// fields it does not know (`loose`): editors and later versions add fields, and a
// re-ingest must carry them through untouched.

const sanityId = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/, 'must be 1-128 of A-Z a-z 0-9 _ - (no dots: Sanity treats dotted ids as private paths)');

export const referenceSchema = z.object({
  _type: z.literal('reference'),
  _ref: z.string().min(1),
  _key: z.string().optional(),
  _weak: z.boolean().optional(),
});
export type Reference = z.infer<typeof referenceSchema>;

export const reference = (id: string, key?: string): Reference =>
  key === undefined ? { _type: 'reference', _ref: id } : { _type: 'reference', _ref: id, _key: key };

/** The id a reference points at, or null when the value is not a reference. */
export const refOf = (value: unknown): string | null =>
  value !== null && typeof value === 'object' && typeof (value as { _ref?: unknown })._ref === 'string'
    ? (value as { _ref: string })._ref
    : null;

export const baseDocumentSchema = z.looseObject({ _id: sanityId, _type: z.string().min(1) });
export type DatasetDocument = z.infer<typeof baseDocumentSchema> & Record<string, unknown>;

export const sourceId = (id: string): string => `source-${id}`;
export const taskId = (id: string): string => `task-${id}`;
export const regionId = (id: string): string => `region-${id}`;

/**
 * Fields of a `newsItem` the pipeline owns and refreshes. Everything else on the
 * document (review status, confirmed tags, translations, unknown fields) belongs
 * to editors and is never written by an ingest after creation.
 * `machineTranslations` is written by the translate step (src/pipeline/translate),
 * never into the editors' `translations`.
 */
export const NEWS_ITEM_MACHINE_FIELDS = [
  'title',
  'summary',
  'contentHtml',
  'link',
  'guid',
  'identityKey',
  'guidSource',
  'publishedAt',
  'publishedAtEstimated',
  'language',
  'languageConfidence',
  'languageMethod',
  'image',
  'author',
  'enclosures',
  'source',
  'contentHash',
  'machineUpdatedAt',
  'health',
  'healthScore',
  'healthEvidence',
  'suggestedTasks',
  'suggestedRegions',
  'duplicateOf',
  'machineTranslations',
] as const;

/**
 * Written once when the item is first stored, then left alone. The slug is the
 * item's public URL: made from the first title seen, so a corrected headline
 * upstream never breaks links and feed subscriptions.
 */
export const NEWS_ITEM_CREATE_ONLY_FIELDS = ['firstSeenAt', 'reviewStatus', 'slug'] as const;

/** Pipeline-owned fields of a `source`: configuration from the sources file, and fetch state. */
export const SOURCE_MACHINE_FIELDS = [
  'slug',
  'name',
  'siteUrl',
  'feedUrl',
  'region',
  'language',
  'enabled',
  'note',
  'description',
  'sample',
  'etag',
  'lastModified',
  'lastFetchedAt',
  'lastSuccessAt',
  'lastError',
  'consecutiveFailures',
  'nextFetchAt',
  'lastItemCount',
] as const;

export const fetchErrorSchema = z.object({ code: z.string(), message: z.string(), at: z.string() });

/** The fetch state kept on a source document between runs. */
export const sourceStateSchema = z.object({
  etag: z.string().nullable().default(null),
  lastModified: z.string().nullable().default(null),
  lastFetchedAt: z.string().nullable().default(null),
  lastSuccessAt: z.string().nullable().default(null),
  lastError: fetchErrorSchema.nullable().default(null),
  consecutiveFailures: z.number().int().min(0).default(0),
  nextFetchAt: z.string().nullable().default(null),
});
export type SourceState = z.infer<typeof sourceStateSchema>;
