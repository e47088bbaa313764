import { defineField, defineType } from 'sanity';

export const enclosure = defineType({
  name: 'enclosure',
  title: 'Enclosure',
  type: 'object',
  readOnly: true,
  fields: [
    defineField({ name: 'url', type: 'url' }),
    defineField({ name: 'type', type: 'string' }),
    defineField({ name: 'length', type: 'number' }),
  ],
});
