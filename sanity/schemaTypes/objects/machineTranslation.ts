import { defineField, defineType } from 'sanity';

/**
 * A machine translation of the original title and summary into one language,
 * written by the translate step (src/pipeline/translate): a draft for
 * editors ("Use machine draft"), shown on the site marked as machine
 * translation only where no editor's text exists.
 */
export const machineTranslation = defineType({
  name: 'machineTranslation',
  title: 'Machine translation',
  type: 'object',
  readOnly: true,
  fields: [
    defineField({ name: 'title', type: 'string' }),
    defineField({ name: 'summary', type: 'text', rows: 3 }),
    defineField({ name: 'provider', type: 'string', description: 'deepl or libretranslate' }),
    defineField({ name: 'at', title: 'Translated at', type: 'datetime' }),
    defineField({ name: 'sourceHash', title: 'Hash of the original it was made from', type: 'string' }),
  ],
});

export const machineTranslations = defineType({
  name: 'machineTranslations',
  title: 'Machine translations',
  type: 'object',
  readOnly: true,
  fields: [
    defineField({ name: 'ru', title: 'Русский', type: 'machineTranslation' }),
    defineField({ name: 'en', title: 'English', type: 'machineTranslation' }),
  ],
});
