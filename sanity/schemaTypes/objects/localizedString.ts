import { defineField, defineType } from 'sanity';

// Short bilingual text is stored as one object per field ({ru, en}): both
// languages sit side by side in the form, and a query picks one with `title[$lang]`.
export const localizedString = defineType({
  name: 'localizedString',
  title: 'Text (ru / en)',
  type: 'object',
  fields: [
    defineField({ name: 'ru', title: 'Русский', type: 'string' }),
    defineField({ name: 'en', title: 'English', type: 'string' }),
  ],
});
