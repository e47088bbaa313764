import { defineArrayMember, defineField, defineType } from 'sanity';
import { absoluteHttpUrl, NEWS_ITEM_DOCUMENT_RULES } from '../validation.ts';

// Machine fields are owned by the ingest pipeline (src/pipeline/store/documents.ts,
// NEWS_ITEM_MACHINE_FIELDS) and overwritten on every ingest, so editors see
// them read-only. Editorial fields are never written by an ingest after creation.

export const REVIEW_STATUSES = ['new', 'approved', 'rejected'] as const;

const machine = { group: 'machine', readOnly: true } as const;

/** How many suggested tags of each kind a list row names; the tagger suggests at most three tasks, and rarely more regions. */
export const ROW_TAGS = 4;

/** Preview selections of the first ROW_TAGS suggested tags' labels (`task0ru`, `task0en`, …): a preview can only follow fixed paths. */
function tagLabelSelection(prefix: 'task' | 'region', field: string): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: ROW_TAGS }, (_, index) => [
      [`${prefix}${index}ru`, `${field}.${index}.tag.title.ru`],
      [`${prefix}${index}en`, `${field}.${index}.tag.title.en`],
    ]).flat(),
  );
}

export const newsItem = defineType({
  name: 'newsItem',
  title: 'News item',
  type: 'document',
  groups: [
    { name: 'editorial', title: 'Editorial', default: true },
    { name: 'machine', title: 'From the feed' },
  ],
  fields: [
    // Editorial
    defineField({
      name: 'reviewStatus',
      title: 'Review status',
      type: 'string',
      group: 'editorial',
      initialValue: 'new',
      options: { list: [...REVIEW_STATUSES], layout: 'radio', direction: 'horizontal' },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'rejectionReason',
      title: 'Reason for rejection',
      type: 'string',
      group: 'editorial',
      hidden: ({ document }) => document?.reviewStatus !== 'rejected',
    }),
    defineField({
      name: 'confirmedTasks',
      title: 'Confirmed tasks',
      type: 'array',
      group: 'editorial',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'task' }] })],
      // The studio renders this with the suggested-tags input (sanity/components).
      options: { suggestionsField: 'suggestedTasks' } as Record<string, unknown>,
    }),
    defineField({
      name: 'confirmedRegions',
      title: 'Confirmed regions',
      type: 'array',
      group: 'editorial',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'region' }] })],
      options: { suggestionsField: 'suggestedRegions' } as Record<string, unknown>,
    }),
    defineField({ name: 'translations', title: 'Titles and summaries', type: 'translations', group: 'editorial' }),
    defineField({ name: 'featured', type: 'boolean', group: 'editorial', initialValue: false }),
    defineField({
      name: 'imageAlt',
      title: 'Image description (alt text)',
      description: 'What the picture shows, for readers who cannot see it; in the language of the item. Empty: the picture is decorative.',
      type: 'string',
      group: 'editorial',
      // Feeds give a picture but no words for it: only an editor can.
      hidden: ({ document }) => !document?.image,
      validation: (rule) => rule.max(250),
    }),

    // Machine (read-only)
    defineField({ name: 'title', title: 'Original title', type: 'string', ...machine }),
    defineField({ name: 'summary', title: 'Original summary', type: 'text', rows: 4, ...machine }),
    defineField({ name: 'contentHtml', title: 'Sanitized content (HTML)', type: 'text', rows: 6, ...machine }),
    defineField({ name: 'link', type: 'url', ...machine, validation: (rule) => rule.custom((value) => absoluteHttpUrl(value)) }),
    defineField({ name: 'guid', type: 'string', ...machine }),
    defineField({ name: 'identityKey', type: 'string', ...machine }),
    defineField({ name: 'guidSource', type: 'string', ...machine }),
    defineField({ name: 'publishedAt', type: 'datetime', ...machine }),
    defineField({ name: 'publishedAtEstimated', type: 'boolean', ...machine }),
    defineField({ name: 'firstSeenAt', type: 'datetime', ...machine }),
    defineField({ name: 'slug', title: 'URL slug (set once, so links stay stable)', type: 'slug', ...machine }),
    defineField({ name: 'language', type: 'string', ...machine }),
    defineField({ name: 'languageConfidence', type: 'number', ...machine }),
    defineField({ name: 'languageMethod', type: 'string', ...machine }),
    defineField({ name: 'image', type: 'url', ...machine, validation: (rule) => rule.custom((value) => absoluteHttpUrl(value)) }),
    defineField({ name: 'author', type: 'string', ...machine }),
    defineField({ name: 'enclosures', type: 'array', of: [defineArrayMember({ type: 'enclosure' })], ...machine }),
    defineField({ name: 'source', type: 'reference', to: [{ type: 'source' }], ...machine }),
    defineField({
      name: 'alsoSeenIn',
      title: 'Also seen in',
      type: 'array',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'source' }] })],
      ...machine,
    }),
    defineField({ name: 'duplicateOf', title: 'Same story as', type: 'reference', to: [{ type: 'newsItem' }], ...machine }),
    defineField({ name: 'health', title: 'Health news (tagger)', type: 'boolean', ...machine }),
    defineField({ name: 'healthScore', type: 'number', ...machine }),
    defineField({ name: 'healthEvidence', type: 'array', of: [defineArrayMember({ type: 'tagEvidence' })], ...machine }),
    defineField({ name: 'suggestedTasks', type: 'array', of: [defineArrayMember({ type: 'tagSuggestion' })], ...machine }),
    defineField({ name: 'suggestedRegions', type: 'array', of: [defineArrayMember({ type: 'tagSuggestion' })], ...machine }),
    defineField({
      name: 'machineTranslations',
      title: 'Machine translations (drafts)',
      description: 'Made by the translate step where no editor wrote a title; the site shows them marked as machine translation. "Use machine draft" copies them into the editorial fields.',
      type: 'machineTranslations',
      ...machine,
    }),
    defineField({ name: 'contentHash', type: 'string', ...machine }),
    defineField({ name: 'machineUpdatedAt', type: 'datetime', ...machine }),
  ],
  // The same rules the document actions check on what they would publish (sanity/actions/decide.ts).
  validation: (rule) => NEWS_ITEM_DOCUMENT_RULES.map((check) => rule.custom((document) => check(document as Parameters<typeof check>[0]))),
  orderings: [
    { title: 'Newest first', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] },
  ],
  preview: {
    select: {
      title: 'title',
      titleRu: 'translations.ru.title',
      titleEn: 'translations.en.title',
      machineRu: 'machineTranslations.ru.title',
      machineEn: 'machineTranslations.en.title',
      language: 'language',
      status: 'reviewStatus',
      publishedAt: 'publishedAt',
      suggestedTasks: 'suggestedTasks',
      suggestedRegions: 'suggestedRegions',
      ...tagLabelSelection('task', 'suggestedTasks'),
      ...tagLabelSelection('region', 'suggestedRegions'),
    },
    prepare: (selection) => itemPreview(selection),
  },
});

function tagLabels(selection: Record<string, unknown>, prefix: 'task' | 'region', all: unknown): string[] {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  // The preview store merges `suggestedTasks` with the `suggestedTasks.0.…` selections into an object keyed by index.
  const count = Array.isArray(all) ? all.length : all !== null && typeof all === 'object' ? Object.keys(all).filter((key) => /^\d+$/.test(key)).length : 0;
  const labels: string[] = [];
  for (let index = 0; index < Math.min(count, ROW_TAGS); index++) {
    labels.push(text(selection[`${prefix}${index}ru`]) ?? text(selection[`${prefix}${index}en`]) ?? '?');
  }
  if (count > ROW_TAGS) labels.push(`+${count - ROW_TAGS}`);
  return labels;
}

/** "machine draft: en" when a language without an editor's title has a machine draft to start from. */
function machineDraftNote(selection: Record<string, unknown>): string | null {
  const has = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  const languages = (['ru', 'en'] as const).filter((lang) => {
    const editor = lang === 'ru' ? selection.titleRu : selection.titleEn;
    const machineTitle = lang === 'ru' ? selection.machineRu : selection.machineEn;
    return lang !== selection.language && has(machineTitle) && !has(editor);
  });
  return languages.length > 0 ? `machine draft: ${languages.join(', ')}` : null;
}

/**
 * The list row: the title, then the language, the review status when decided,
 * every suggested task and region by its label, and the date, so the inbox can
 * be triaged without opening items.
 */
export function itemPreview(selection: Record<string, unknown>): { title: string; subtitle: string } {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const tasks = tagLabels(selection, 'task', selection.suggestedTasks);
  const regions = tagLabels(selection, 'region', selection.suggestedRegions);
  const date = text(selection.publishedAt)?.slice(0, 10);
  const status = text(selection.status);
  return {
    title: text(selection.titleRu) ?? text(selection.title) ?? '(untitled)',
    subtitle: [
      `[${text(selection.language) ?? 'und'}]`,
      status && status !== 'new' ? status : null,
      machineDraftNote(selection),
      tasks.length > 0 ? tasks.join(', ') : 'no suggested task',
      regions.length > 0 ? regions.join(', ') : null,
      date,
    ]
      .filter((part) => part !== null && part !== undefined)
      .join(' · '),
  };
}
