import { defineField, defineType } from 'sanity';
import { absoluteHttpUrl, feedAddress } from '../validation.ts';

/** The languages a source may declare (the pipeline's). */
const LANGUAGES = ['ru', 'en', 'uk', 'be'] as const;

// A source's configuration is the editors': content/sources.json seeds it
// and the ingest fetches with what the document says. The fetch state is
// written by the ingest and read-only here.
const machine = { readOnly: true } as const;

export const source = defineType({
  name: 'source',
  title: 'Source',
  type: 'document',
  description: 'Seeded from content/sources.json; the configuration is edited here, the fetch state is written by the ingest.',
  fields: [
    defineField({ name: 'name', type: 'localizedString' }),
    defineField({ name: 'slug', type: 'slug', ...machine }),
    defineField({
      name: 'feedUrl',
      title: 'Feed URL',
      type: 'string',
      description: 'Check it with "Check feed" before enabling the source.',
      validation: (rule) => rule.custom((value) => feedAddress(value)),
    }),
    defineField({ name: 'siteUrl', title: 'Site URL', type: 'url', validation: (rule) => rule.custom((value) => absoluteHttpUrl(value)) }),
    defineField({ name: 'region', type: 'reference', to: [{ type: 'region' }] }),
    defineField({ name: 'language', title: 'Declared language', type: 'string', options: { list: [...LANGUAGES], layout: 'radio', direction: 'horizontal' } }),
    defineField({ name: 'enabled', type: 'boolean' }),
    defineField({ name: 'sample', title: 'Sample feed (not a real source)', type: 'boolean', ...machine }),
    defineField({ name: 'description', title: 'Public description', type: 'localizedText', description: 'Shown to readers on the sources page.' }),
    defineField({ name: 'note', title: 'Editors\' note', type: 'text', rows: 3, description: 'For editors only: never shown on the site.' }),
    defineField({ name: 'lastError', title: 'Last error', type: 'fetchError', ...machine }),
    defineField({ name: 'consecutiveFailures', type: 'number', ...machine }),
    defineField({ name: 'lastFetchedAt', type: 'datetime', ...machine }),
    defineField({ name: 'lastSuccessAt', type: 'datetime', ...machine }),
    defineField({ name: 'nextFetchAt', type: 'datetime', ...machine }),
    defineField({ name: 'lastItemCount', type: 'number', ...machine }),
    defineField({ name: 'etag', type: 'string', ...machine }),
    // What the ingest last seeded from the sources file: a configuration that no longer matches it is an editor's.
    defineField({ name: 'configSeedHash', type: 'string', hidden: true, ...machine }),
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
