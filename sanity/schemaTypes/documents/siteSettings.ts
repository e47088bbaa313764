import { defineField, defineType } from 'sanity';
import { SITE_SETTINGS_ID } from '../pageIdentity.ts';
import { absoluteHttpUrl } from '../validation.ts';
import { seedFields } from './page.ts';

export { SITE_SETTINGS_ID } from '../pageIdentity.ts';

/**
 * One document, `siteSettings`: the site's name and description in both
 * languages (every page's title and meta description), and the contact the
 * about page gives. Seeded from content/pages/pages.json like the pages.
 */
export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Site settings',
  type: 'document',
  fields: [
    defineField({ name: 'title', title: 'Site name', type: 'localizedString' }),
    defineField({ name: 'description', type: 'localizedText' }),
    defineField({ name: 'contactEmail', type: 'string', validation: (rule) => rule.email() }),
    defineField({ name: 'networkUrl', title: 'Network site', type: 'url', validation: (rule) => rule.custom((value) => absoluteHttpUrl(value)) }),
    ...seedFields,
  ],
  preview: { prepare: () => ({ title: 'Site settings', subtitle: SITE_SETTINGS_ID }) },
});
