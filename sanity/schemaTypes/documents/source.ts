import { defineField, defineType } from 'sanity';

// Every field of a source is written by the ingest from its sources file
// (content/sources.json) and the last fetch: edit the file, not the document.
const machine = { readOnly: true } as const;

export const source = defineType({
  name: 'source',
  title: 'Source',
  type: 'document',
  description: 'Configured in content/sources.json; the fetch state is written by the ingest.',
  fields: [
    defineField({ name: 'name', type: 'localizedString', ...machine }),
    defineField({ name: 'slug', type: 'slug', ...machine }),
    defineField({ name: 'feedUrl', title: 'Feed URL', type: 'string', ...machine }),
    defineField({ name: 'siteUrl', title: 'Site URL', type: 'url', ...machine }),
    defineField({ name: 'region', type: 'reference', to: [{ type: 'region' }], ...machine }),
    defineField({ name: 'language', title: 'Declared language', type: 'string', ...machine }),
    defineField({ name: 'enabled', type: 'boolean', ...machine }),
    defineField({ name: 'sample', title: 'Sample feed (not a real source)', type: 'boolean', ...machine }),
    defineField({ name: 'note', type: 'text', rows: 3, ...machine }),
    defineField({ name: 'lastError', title: 'Last error', type: 'fetchError', ...machine }),
    defineField({ name: 'consecutiveFailures', type: 'number', ...machine }),
    defineField({ name: 'lastFetchedAt', type: 'datetime', ...machine }),
    defineField({ name: 'lastSuccessAt', type: 'datetime', ...machine }),
    defineField({ name: 'nextFetchAt', type: 'datetime', ...machine }),
    defineField({ name: 'lastItemCount', type: 'number', ...machine }),
    defineField({ name: 'etag', type: 'string', ...machine }),
    defineField({ name: 'lastModified', type: 'string', ...machine }),
  ],
  preview: {
    select: { title: 'name.ru', titleEn: 'name.en', code: 'lastError.code', failures: 'consecutiveFailures', enabled: 'enabled' },
    prepare: ({ title, titleEn, code, failures, enabled }) => ({
      title: String(title ?? titleEn ?? '?'),
      subtitle: enabled === false ? 'disabled' : code ? `failing: ${code} (${failures ?? 0}×)` : 'ok',
    }),
  },
});
