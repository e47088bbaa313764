import { defineField, defineType } from 'sanity';
import { summaryNeedsTitle } from '../validation.ts';

/** An editor's title and summary in one language. */
export const translation = defineType({
  name: 'translation',
  title: 'Translation',
  type: 'object',
  fields: [
    defineField({ name: 'title', type: 'string' }),
    defineField({ name: 'summary', type: 'text', rows: 4 }),
    defineField({
      name: 'machineDraftAt',
      title: 'Started from the machine draft of',
      description: 'Set by "Use machine draft"; when the draft is made again, the item shows under "Translation out of date".',
      type: 'datetime',
      readOnly: true,
    }),
  ],
  validation: (rule) => rule.custom((value) => summaryNeedsTitle(value as { title?: unknown; summary?: unknown } | undefined)),
});
