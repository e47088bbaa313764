import { z } from 'zod';

// The shape every UI dictionary must have. `strictObject` everywhere: a
// missing key and a stray (misspelt) key both fail, naming the path.

const text = z.string().min(1);
const group = <T extends Record<string, z.ZodType>>(shape: T) => z.strictObject(shape);
const keys = <K extends string>(...names: K[]) => group(Object.fromEntries(names.map((name) => [name, text])) as Record<K, typeof text>);

export const dictionarySchema = group({
  meta: keys('siteName', 'shortName', 'description', 'titleSeparator'),
  nav: keys('skip', 'main', 'home', 'tasks', 'regions', 'archive', 'monitoring', 'sources', 'about', 'methodology', 'search', 'feeds', 'language', 'breadcrumbs', 'footer'),
  languages: keys('self', 'ru', 'en', 'be', 'uk', 'other'),
  badges: keys('inLanguage', 'notReviewed', 'notReviewedTitle', 'sample', 'sampleTitle', 'translated'),
  sample: keys('banner', 'short', 'more'),
  home: keys('title', 'intro', 'latest', 'byTask', 'byRegion', 'allItems', 'moreInArchive', 'empty', 'itemsCount'),
  item: keys(
    'published', 'source', 'original', 'noOriginal', 'tasks', 'regions', 'why', 'evidence', 'evidenceLearned', 'fieldTitle', 'fieldSummary',
    'confidence', 'confirmed', 'suggested', 'noEvidence', 'noTags', 'story', 'storyLink', 'alsoSeenIn', 'untranslated',
    'readInOriginal', 'translatedNotice', 'status', 'statusApproved', 'statusNew', 'feedRegion', 'originalLabel',
  ),
  /** A machine translation's label; the provider names by the translate step's provider ids. */
  machine: keys('badge', 'badgeTitle', 'notice', 'original', 'feedNote', 'deepl', 'libretranslate', 'other'),
  listing: keys('pagination', 'previous', 'next', 'page', 'pageOf', 'empty'),
  tasks: keys('title', 'intro', 'scope', 'seeds', 'seedsLink', 'inRegions', 'latest', 'noSlices'),
  regions: keys('title', 'intro', 'byTask', 'latest', 'noSlices'),
  taskRegion: keys('title'),
  stories: keys('title', 'intro'),
  archive: keys('title', 'intro', 'month', 'monthItems'),
  sources: keys(
    'title', 'intro', 'name', 'region', 'status', 'lastSuccess', 'lastError', 'items', 'ok', 'failing', 'disabled', 'never', 'none',
    'feed', 'site', 'failures', 'errorDetail',
  ),
  /** What a source's last error means, by its stable code (`other` for a code not listed). */
  sourceErrors: keys(
    'dns', 'connect_timeout', 'timeout', 'connection_refused', 'address_private', 'network', 'http_status', 'rate_limited', 'unavailable', 'too_large',
    'too_many_redirects', 'redirect_loop', 'bad_url', 'file_not_found', 'not_a_feed', 'xml_malformed', 'xml_too_deep', 'feed_empty',
    'feed_too_large', 'feed_too_many_items', 'feed_unreadable', 'decode_empty', 'disabled', 'backoff', 'other',
  ),
  // The about and methodology texts are `page` documents (content/pages/); these are the parts around them.
  about: keys('title', 'tasksTitle', 'tasksIntro', 'seedsTitle', 'seedsIntro', 'contactTitle', 'contactEmail', 'networkSite', 'sampleTitle', 'sample', 'missing'),
  methodology: keys('title', 'missing'),
  monitoring: keys('title', 'intro', 'chartTitle', 'chartDesc', 'tableTitle', 'task', 'total', 'empty', 'scrollHint', 'tableScrollHint'),
  search: keys('title', 'label', 'button', 'task', 'region', 'anyTask', 'anyRegion', 'results', 'noResults', 'noscript', 'loading'),
  feeds: keys('title', 'intro', 'rss', 'json', 'opml', 'all', 'feedTitle', 'allScope', 'subscribe'),
  notFound: keys('title', 'text', 'home'),
  footer: keys('about', 'updated', 'data'),
});

export type Dictionary = z.infer<typeof dictionarySchema>;
