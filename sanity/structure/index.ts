import type { StructureResolver } from 'sanity/structure';
import { SOURCES_ORDERING, WORK_LISTS, byRegionFilter, byTaskFilter, sourcesFilter } from './filters.ts';

const API_VERSION = '2025-02-19';

/** The editor's work first: the queues, then browsing by tag, then sources and the taxonomy. */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('medclusters')
    .items([
      ...WORK_LISTS.map((list) =>
        S.listItem()
          .id(list.id)
          .title(list.title)
          .schemaType(list.schemaType)
          .child(
            S.documentList()
              .id(list.id)
              .title(list.title)
              .schemaType(list.schemaType)
              .apiVersion(API_VERSION)
              .filter(list.filter)
              .defaultOrdering(list.ordering),
          ),
      ),
      S.divider(),
      S.listItem()
        .id('by-task')
        .title('By task')
        .child(
          S.documentTypeList('task')
            .title('By task')
            .defaultOrdering([{ field: 'order', direction: 'asc' }])
            .child((taskId) =>
              S.documentList()
                .title('Items')
                .schemaType('newsItem')
                .apiVersion(API_VERSION)
                .filter(byTaskFilter)
                .params({ tag: taskId })
                .defaultOrdering([{ field: 'publishedAt', direction: 'desc' }]),
            ),
        ),
      S.listItem()
        .id('by-region')
        .title('By region')
        .child(
          S.documentTypeList('region')
            .title('By region')
            .defaultOrdering([{ field: 'order', direction: 'asc' }])
            .child((regionId) =>
              S.documentList()
                .title('Items')
                .schemaType('newsItem')
                .apiVersion(API_VERSION)
                .filter(byRegionFilter)
                .params({ tag: regionId })
                .defaultOrdering([{ field: 'publishedAt', direction: 'desc' }]),
            ),
        ),
      S.divider(),
      S.listItem()
        .id('sources')
        .title('Sources')
        .schemaType('source')
        .child(S.documentList().id('sources').title('Sources (failing first)').schemaType('source').apiVersion(API_VERSION).filter(sourcesFilter).defaultOrdering(SOURCES_ORDERING)),
      S.listItem()
        .id('taxonomy')
        .title('Taxonomy')
        .child(S.list().title('Taxonomy').items([S.documentTypeListItem('task').title('Tasks'), S.documentTypeListItem('region').title('Regions')])),
      S.divider(),
      S.documentTypeListItem('newsItem').title('All news items'),
      S.documentTypeListItem('page').title('Pages'),
      S.listItem().id('site-settings').title('Site settings').child(S.document().schemaType('siteSettings').documentId('siteSettings')),
    ]);
