import { defineField, defineType } from 'sanity';

/** The last failed fetch of a source, as the pipeline reports it. */
export const fetchError = defineType({
  name: 'fetchError',
  title: 'Fetch error',
  type: 'object',
  readOnly: true,
  fields: [
    defineField({ name: 'code', type: 'string' }),
    defineField({ name: 'message', type: 'text', rows: 2 }),
    defineField({ name: 'at', type: 'datetime' }),
  ],
});
