import { defineField, defineType } from 'sanity';

/**
 * The editors' titles and summaries. `sourceHashAtReview` is the item's
 * `contentHash` when a translation was last reviewed: when the feed changes
 * the original, the hashes differ and the item shows under "Translation out of date".
 */
export const translations = defineType({
  name: 'translations',
  title: 'Titles and summaries (editorial)',
  type: 'object',
  fields: [
    defineField({ name: 'ru', title: 'Русский', type: 'translation' }),
    defineField({ name: 'en', title: 'English', type: 'translation' }),
    defineField({ name: 'reviewedAt', type: 'datetime', readOnly: true }),
    defineField({ name: 'sourceHashAtReview', type: 'string', readOnly: true }),
    defineField({
      name: 'sample',
      title: 'Sample translation',
      description: 'Written for the bundled sample items (content/demo/translations.json), which imitate regional news.',
      type: 'boolean',
      readOnly: true,
      hidden: ({ value }) => value !== true,
    }),
    // What the sample seeding wrote (src/lib/content/seed/sampleTranslations.ts): once an editor changes the texts, they are theirs.
    defineField({ name: 'seedHash', type: 'string', readOnly: true, hidden: true }),
  ],
});
