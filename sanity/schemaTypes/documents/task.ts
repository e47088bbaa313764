import { defineField, defineType } from 'sanity';

// Created once by the ingest from content/taxonomy.json; after that the labels are the editors'.
export const task = defineType({
  name: 'task',
  title: 'Task',
  type: 'document',
  fields: [
    defineField({ name: 'title', type: 'localizedString', validation: (rule) => rule.required() }),
    defineField({ name: 'slug', title: 'Id', type: 'slug', readOnly: true, description: 'The stable taxonomy id; URLs and tags use it.' }),
    defineField({ name: 'scope', type: 'localizedText' }),
    defineField({ name: 'description', type: 'localizedText' }),
    defineField({ name: 'seeds', title: 'Network documents it comes from', type: 'string' }),
    defineField({ name: 'order', type: 'number' }),
  ],
  orderings: [{ title: 'Order', name: 'order', by: [{ field: 'order', direction: 'asc' }] }],
  preview: { select: { title: 'title.ru', subtitle: 'title.en' } },
});
