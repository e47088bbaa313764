import { defineArrayMember, defineField, defineType } from 'sanity';

/** A task or region the pipeline suggested for an item (`_key` is the taxonomy id). */
export const tagSuggestion = defineType({
  name: 'tagSuggestion',
  title: 'Suggested tag',
  type: 'object',
  readOnly: true,
  fields: [
    defineField({ name: 'tag', type: 'reference', to: [{ type: 'task' }, { type: 'region' }] }),
    defineField({ name: 'confidence', type: 'number' }),
    defineField({ name: 'evidence', type: 'array', of: [defineArrayMember({ type: 'tagEvidence' })] }),
  ],
  preview: {
    select: { title: 'tag.title.ru', titleEn: 'tag.title.en', confidence: 'confidence' },
    prepare: ({ title, titleEn, confidence }) => ({
      title: String(title ?? titleEn ?? '?'),
      subtitle: typeof confidence === 'number' ? `confidence ${confidence.toFixed(2)}` : undefined,
    }),
  },
});
