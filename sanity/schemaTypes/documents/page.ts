import { defineArrayMember, defineField, defineType } from 'sanity';

// Long pages are one document per language (`page-about-ru`, `page-about-en`):
// each language is written, reviewed and published on its own, and a missing
// translation is a missing document rather than half-filled fields.
export const PAGE_KEYS = ['about', 'methodology'] as const;
export const PAGE_LANGUAGES = ['ru', 'en'] as const;

export const page = defineType({
  name: 'page',
  title: 'Page',
  type: 'document',
  fields: [
    defineField({ name: 'key', type: 'string', options: { list: [...PAGE_KEYS] }, validation: (rule) => rule.required() }),
    defineField({ name: 'language', type: 'string', options: { list: [...PAGE_LANGUAGES], layout: 'radio' }, validation: (rule) => rule.required() }),
    defineField({ name: 'title', type: 'string', validation: (rule) => rule.required() }),
    defineField({ name: 'body', type: 'array', of: [defineArrayMember({ type: 'block' })] }),
  ],
  preview: {
    select: { title: 'title', key: 'key', language: 'language' },
    prepare: ({ title, key, language }) => ({ title: String(title ?? key ?? ''), subtitle: `${key ?? ''} · ${language ?? ''}` }),
  },
});
