import { defineArrayMember, defineField, defineType } from 'sanity';
import { absoluteHttpUrl, approvedNeedsConfirmedTask, rejectedNeedsReason } from '../validation.ts';

// Machine fields are owned by the ingest pipeline (src/pipeline/store/documents.ts,
// NEWS_ITEM_MACHINE_FIELDS) and overwritten on every ingest, so editors see
// them read-only. Editorial fields are never written by an ingest after creation.

export const REVIEW_STATUSES = ['new', 'approved', 'rejected'] as const;

const machine = { group: 'machine', readOnly: true } as const;

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
    defineField({ name: 'contentHash', type: 'string', ...machine }),
    defineField({ name: 'machineUpdatedAt', type: 'datetime', ...machine }),
  ],
  validation: (rule) => [
    rule.custom((document) => approvedNeedsConfirmedTask(document as Parameters<typeof approvedNeedsConfirmedTask>[0])),
    rule.custom((document) => rejectedNeedsReason(document as Parameters<typeof rejectedNeedsReason>[0])),
  ],
  orderings: [
    { title: 'Newest first', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] },
  ],
  preview: {
    select: {
      title: 'title',
      titleRu: 'translations.ru.title',
      language: 'language',
      status: 'reviewStatus',
      task0: 'suggestedTasks.0.tag.title.ru',
      task1: 'suggestedTasks.1.tag.title.ru',
      region0: 'suggestedRegions.0.tag.title.ru',
      publishedAt: 'publishedAt',
    },
    prepare: (selection) => itemPreview(selection),
  },
});

/** The list row: title, then language, suggested tags and date, so the inbox can be triaged without opening items. */
export function itemPreview(selection: Record<string, unknown>): { title: string; subtitle: string } {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const tags = [selection.task0, selection.task1, selection.region0].map(text).filter((value) => value !== null);
  const date = text(selection.publishedAt)?.slice(0, 10);
  const status = text(selection.status);
  return {
    title: text(selection.titleRu) ?? text(selection.title) ?? '(untitled)',
    subtitle: [
      `[${text(selection.language) ?? 'und'}]`,
      status && status !== 'new' ? status : null,
      tags.length > 0 ? tags.join(', ') : 'no suggested tags',
      date,
    ]
      .filter((part) => part !== null && part !== undefined)
      .join(' · '),
  };
}
