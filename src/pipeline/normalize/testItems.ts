import type { ParsedFeed, RawItem } from '../model.ts';

/** A feed item with nothing set but the given fields: the tests' starting point. */
export const rawItem = (fields: Partial<RawItem>): RawItem => ({
  title: null,
  link: null,
  guid: null,
  guidIsPermaLink: null,
  date: null,
  author: null,
  description: null,
  content: null,
  enclosures: [],
  mediaUrls: [],
  xmlBase: null,
  ...fields,
});

/** A parsed RSS 2.0 feed with nothing set but the given fields. */
export const parsedFeed = (fields: Partial<ParsedFeed>): ParsedFeed => ({
  format: 'rss2',
  title: null,
  link: null,
  description: null,
  language: null,
  xmlBase: null,
  items: [],
  ...fields,
});
