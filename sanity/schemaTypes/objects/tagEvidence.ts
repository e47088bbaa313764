import { defineField, defineType } from 'sanity';

/** Why the tagger suggested a tag: a matched term, where, and how much it counted. */
export const tagEvidence = defineType({
  name: 'tagEvidence',
  title: 'Evidence',
  type: 'object',
  readOnly: true,
  fields: [
    defineField({ name: 'term', type: 'string' }),
    defineField({ name: 'field', type: 'string', options: { list: ['title', 'summary'] } }),
    defineField({ name: 'weight', type: 'number' }),
  ],
  preview: {
    select: { term: 'term', field: 'field', weight: 'weight' },
    prepare: ({ term, field, weight }) => ({ title: String(term ?? ''), subtitle: `${field ?? ''} · ${weight ?? ''}` }),
  },
});
