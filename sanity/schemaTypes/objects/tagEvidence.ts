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
    defineField({ name: 'matched', title: 'Matched words', type: 'string', description: 'The words of the item the rule matched' }),
    defineField({
      name: 'kind',
      type: 'string',
      description: '"learned": a word the learned layer weighs for the tag (weight: log-odds), not a rule term',
      options: { list: ['learned'] },
    }),
  ],
  preview: {
    select: { term: 'term', field: 'field', weight: 'weight', matched: 'matched', kind: 'kind' },
    prepare: ({ term, field, weight, matched, kind }) => ({
      title: String(matched ?? term ?? ''),
      subtitle: `${kind === 'learned' ? 'learned · ' : ''}${field ?? ''} · ${weight ?? ''}`,
    }),
  },
});
