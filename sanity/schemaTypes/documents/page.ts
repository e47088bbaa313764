import { defineField, defineType } from 'sanity';
import { PAGE_KEYS, PAGE_LANGUAGES } from '../pageIdentity.ts';
import { pageIdMatchesKeyAndLanguage } from '../validation.ts';

export { PAGE_KEYS, PAGE_LANGUAGES, PAGE_SLOTS } from '../pageIdentity.ts';

// Long pages are one document per language (`page-about-ru`, `page-about-en`):
// each language is written, reviewed and published on its own, and a missing
// translation is a missing document rather than half-filled fields.
//
// The body is Markdown, not Portable Text: the methodology page is
// docs/tagging.md (tables, code, headings), which Portable Text cannot hold
// without custom table types, and a seeded body stays byte-for-byte the file
// it came from, so the seeding can tell an editor's change from a new
// version of the file (src/lib/content/seed). The site renders it with
// Astro's own Markdown processor and sanitizes the HTML.

/** Where a seeded document came from, and a hash of what the seeding last wrote (editor edits change the content, not the hash). */
const seedFields = [
  defineField({
    name: 'seedSource',
    title: 'Seeded from',
    type: 'string',
    readOnly: true,
    description: 'The files the ingest wrote this page from. It keeps the page up to date with them until you change the page; from then on the page is yours.',
  }),
  defineField({ name: 'seedHash', type: 'string', readOnly: true, hidden: true }),
];

export const page = defineType({
  name: 'page',
  title: 'Page',
  type: 'document',
  fields: [
    defineField({ name: 'key', type: 'string', readOnly: true, options: { list: [...PAGE_KEYS] }, validation: (rule) => rule.required() }),
    defineField({ name: 'language', type: 'string', readOnly: true, options: { list: [...PAGE_LANGUAGES], layout: 'radio' }, validation: (rule) => rule.required() }),
    defineField({ name: 'title', type: 'string', validation: (rule) => rule.required() }),
    defineField({ name: 'description', title: 'Lead (and the description search engines show)', type: 'text', rows: 3 }),
    defineField({ name: 'body', title: 'Body (Markdown)', type: 'text', rows: 30, validation: (rule) => rule.required() }),
    ...seedFields,
  ],
  validation: (rule) => rule.custom((document) => pageIdMatchesKeyAndLanguage(document as Parameters<typeof pageIdMatchesKeyAndLanguage>[0])),
  preview: {
    select: { title: 'title', key: 'key', language: 'language' },
    prepare: ({ title, key, language }) => ({ title: String(title ?? key ?? ''), subtitle: `${key ?? ''} · ${language ?? ''}` }),
  },
});

export { seedFields };
