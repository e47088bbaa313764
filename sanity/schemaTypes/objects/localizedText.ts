import { defineField, defineType } from 'sanity';

export const localizedText = defineType({
  name: 'localizedText',
  title: 'Longer text (ru / en)',
  type: 'object',
  fields: [
    defineField({ name: 'ru', title: 'Русский', type: 'text', rows: 3 }),
    defineField({ name: 'en', title: 'English', type: 'text', rows: 3 }),
  ],
});
