import { defineField, defineType } from 'sanity';
import { absoluteHttpUrl } from '../validation.ts';

export const enclosure = defineType({
  name: 'enclosure',
  title: 'Enclosure',
  type: 'object',
  readOnly: true,
  fields: [
    defineField({ name: 'url', type: 'url', validation: (rule) => rule.custom((value) => absoluteHttpUrl(value)) }),
    defineField({ name: 'type', type: 'string' }),
    defineField({ name: 'length', type: 'number' }),
  ],
});
