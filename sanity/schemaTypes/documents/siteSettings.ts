import { defineField, defineType } from 'sanity';
import { absoluteHttpUrl } from '../validation.ts';

/** One document, `siteSettings`: texts shown across the site. */
export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Site settings',
  type: 'document',
  fields: [
    defineField({ name: 'title', type: 'localizedString' }),
    defineField({ name: 'description', type: 'localizedText' }),
    defineField({ name: 'contactEmail', type: 'string', validation: (rule) => rule.email() }),
    defineField({ name: 'networkUrl', title: 'Network site', type: 'url', validation: (rule) => rule.custom((value) => absoluteHttpUrl(value)) }),
  ],
  preview: { prepare: () => ({ title: 'Site settings' }) },
});
