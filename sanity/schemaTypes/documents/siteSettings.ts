import { defineField, defineType } from 'sanity';
import { SITE_SETTINGS_ID } from '../pageIdentity.ts';
import { absoluteHttpUrl } from '../validation.ts';
import { seedFields } from './page.ts';

export { SITE_SETTINGS_ID } from '../pageIdentity.ts';

/**
 * One document, `siteSettings`: the site's name and description in both
 * languages (every page's title and meta description), the contact the
 * about page gives, and the publication policy (src/lib/content/publication.ts). Seeded from content/pages/pages.json like the pages.
 */
export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Site settings',
  type: 'document',
  fields: [
    defineField({ name: 'title', title: 'Site name', type: 'localizedString' }),
    defineField({ name: 'description', type: 'localizedText' }),
    defineField({ name: 'contactEmail', type: 'string', validation: (rule) => rule.email() }),
    defineField({
      name: 'publicationPolicy',
      title: 'Publication policy',
      type: 'string',
      description: 'Which items the site, its feeds, search and sitemap show. Rejected items and items tagged as not health news never appear.',
      options: {
        list: [
          { title: 'Tagged: approved items, and unreviewed items the pipeline tagged as health news (marked "not yet reviewed")', value: 'tagged' },
          { title: 'Approved: only items an editor approved', value: 'approved' },
        ],
        layout: 'radio',
      },
      // Unset reads as tagged, so a dataset from before this field shows what it showed.
      initialValue: 'tagged',
    }),
    defineField({ name: 'networkUrl', title: 'Network site', type: 'url', validation: (rule) => rule.custom((value) => absoluteHttpUrl(value)) }),
    ...seedFields,
  ],
  preview: { prepare: () => ({ title: 'Site settings', subtitle: SITE_SETTINGS_ID }) },
});
