import type { StructureBuilder, StructureResolver } from 'sanity/structure';
import { PAGE_SLOTS } from '../schemaTypes/documents/page.ts';
import { SITE_SETTINGS_ID } from '../schemaTypes/documents/siteSettings.ts';
import { SOURCES_LIST, TAG_BROWSERS, TERM_ORDERING, WORK_LISTS, type TagBrowser, type WorkList } from './filters.ts';

export const STRUCTURE_API_VERSION = '2025-02-19';

const workListItem = (S: StructureBuilder, list: WorkList, title = list.title) =>
  S.listItem()
    .id(list.id)
    .title(title)
    .schemaType(list.schemaType)
    .child(
      S.documentList()
        .id(list.id)
        .title(list.title)
        .schemaType(list.schemaType)
        .apiVersion(STRUCTURE_API_VERSION)
        .filter(list.filter)
        .defaultOrdering([...list.ordering]),
    );

const tagBrowserItem = (S: StructureBuilder, browser: TagBrowser) =>
  S.listItem()
    .id(browser.id)
    .title(browser.title)
    .child(
      S.documentTypeList(browser.termType)
        .id(browser.id)
        .title(browser.title)
        .defaultOrdering([...TERM_ORDERING])
        .child((termId: string) =>
          S.documentList()
            .id(`${browser.id}-items`)
            .title('Items')
            .schemaType('newsItem')
            .apiVersion(STRUCTURE_API_VERSION)
            .filter(browser.filter)
            .params({ tag: termId })
            .defaultOrdering([...browser.ordering]),
        ),
    );

/**
 * The editor's work first: the queues, then browsing by tag, then sources and
 * the taxonomy, then the pages (one fixed document per page and language) and
 * the site settings.
 */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('medclusters')
    .items([
      ...WORK_LISTS.map((list) => workListItem(S, list)),
      S.divider(),
      ...TAG_BROWSERS.map((browser) => tagBrowserItem(S, browser)),
      S.divider(),
      workListItem(S, SOURCES_LIST, 'Sources'),
      S.listItem()
        .id('taxonomy')
        .title('Taxonomy')
        .child(S.list().id('taxonomy').title('Taxonomy').items([S.documentTypeListItem('task').title('Tasks'), S.documentTypeListItem('region').title('Regions')])),
      S.divider(),
      S.listItem()
        .id('pages')
        .title('Pages')
        .child(
          S.list()
            .id('pages')
            .title('Pages')
            .items(
              PAGE_SLOTS.map((slot) =>
                S.listItem()
                  .id(slot.id)
                  .title(slot.title)
                  .schemaType('page')
                  .child(S.document().schemaType('page').documentId(slot.id).initialValueTemplate(slot.id)),
              ),
            ),
        ),
      S.listItem().id('site-settings').title('Site settings').child(S.document().schemaType('siteSettings').documentId(SITE_SETTINGS_ID)),
      S.divider(),
      S.documentTypeListItem('newsItem').title('All news items'),
    ]);
