import { defineField, defineType } from 'sanity';
import { absoluteHttpUrl } from '../validation.ts';

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
    defineField({ name: 'siteUrl', title: 'Site URL', type: 'url', ...machine, validation: (rule) => rule.custom((value) => absoluteHttpUrl(value)) }),
    defineField({ name: 'region', type: 'reference', to: [{ type: 'region' }], ...machine }),
    defineField({ name: 'language', title: 'Declared language', type: 'string', ...machine }),
    defineField({ name: 'enabled', type: 'boolean', ...machine }),
    defineField({ name: 'sample', title: 'Sample feed (not a real source)', type: 'boolean', ...machine }),
    defineField({ name: 'description', title: 'Public description', type: 'localizedText', description: 'Shown to readers on the sources page (from content/sources.json).', ...machine }),
    defineField({ name: 'note', title: 'Editors\' note', type: 'text', rows: 3, description: 'For editors only: never shown on the site.', ...machine }),
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
    select: { title: 'name.ru', titleEn: 'name.en', code: 'lastError.code', message: 'lastError.message', failures: 'consecutiveFailures', enabled: 'enabled' },
    prepare: (selection) => sourcePreview(selection),
  },
});

const MESSAGE_LENGTH = 120;

/** The Sources row: name, then its state; a failing source shows its error code, how often it failed, and the error message. */
export function sourcePreview(selection: Record<string, unknown>): { title: string; subtitle: string } {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const title = text(selection.title) ?? text(selection.titleEn) ?? '?';
  if (selection.enabled === false) return { title, subtitle: 'disabled' };
  const code = text(selection.code);
  if (!code) return { title, subtitle: 'ok' };
  const failures = typeof selection.failures === 'number' ? selection.failures : 0;
  const message = text(selection.message);
  const short = message && message.length > MESSAGE_LENGTH ? `${message.slice(0, MESSAGE_LENGTH - 1)}…` : message;
  return { title, subtitle: `failing: ${code} (${failures}×)${short ? ` · ${short}` : ''}` };
}
