import { createHash } from 'node:crypto';
import type { ImageRecord } from './imagePolicy.ts';
import { termItems } from './listing.ts';
import { taskRegionKey, type SiteItem, type SiteModel, type Story } from './model.ts';

// Cache keys of generated pages for Astro's incremental build
// (`experimental.incrementalBuild`): a page whose key and code are unchanged
// since the last build is copied from it instead of rendered. A key must
// change exactly when what the page renders changes, so each is a hash of
// everything the page shows: its own items, the items it lists (in order),
// its page number and page count, and what every page shows besides its
// content (site settings, the sample banner, the names of tasks, regions and
// sources). Pages that show site-wide figures (home, monitoring, sources,
// indexes) have no key and are rendered on every build.

const digest = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('base64url');

// Keys are asked for once per page and language; an item's content hash is shared by its page, its cards and the feeds.
const itemHashes = new WeakMap<SiteItem, string>();
const storyHashes = new WeakMap<Story, string>();
const siteHashes = new WeakMap<SiteModel, Map<string, string>>();

/** Everything an item carries (texts, tags with evidence, sources, story): its part of any page that shows it. */
export function itemHash(item: SiteItem): string {
  let hash = itemHashes.get(item);
  if (hash === undefined) {
    hash = digest(item);
    itemHashes.set(item, hash);
  }
  return hash;
}

function storyHash(story: Story): string {
  let hash = storyHashes.get(story);
  if (hash === undefined) {
    hash = digest(story.items.map(itemHash));
    storyHashes.set(story, hash);
  }
  return hash;
}

/**
 * What every page shows besides its own content: the site settings (name,
 * description), the sample banner, and the labels of tasks, regions and
 * sources that items are shown with. Source fetch state is left out: only the
 * sources and monitoring pages show it, and they are rendered every build.
 */
export function siteWideKey(model: SiteModel, settings: unknown): string {
  let bySettings = siteHashes.get(model);
  if (!bySettings) {
    bySettings = new Map();
    siteHashes.set(model, bySettings);
  }
  const settingsKey = JSON.stringify(settings);
  let key = bySettings.get(settingsKey);
  if (key === undefined) {
    key = digest({
      settings,
      hasSample: model.hasSample,
      tasks: model.tasks,
      regions: model.regions,
      sources: model.sources.map((source) => ({ docId: source.docId, id: source.id, name: source.name, siteUrl: source.siteUrl })),
    });
    bySettings.set(settingsKey, key);
  }
  return key;
}

/** An item's page: the item, the other reports of its story, and its picture as stored. */
export function itemPageKey(siteKey: string, model: SiteModel, item: SiteItem, image: ImageRecord | undefined): string {
  const story = item.storyId ? model.stories.get(item.storyId) : undefined;
  return digest([siteKey, itemHash(item), story ? storyHash(story) : null, image ?? null]);
}

/**
 * A listing page (archive month, task, region, task × region, story) or a
 * feed: its items in order, where it is in its pagination, and anything else
 * it shows (`extra`: counts of its slices, a story's size).
 */
export function listingKey(siteKey: string, model: SiteModel, items: readonly SiteItem[], page: number, pages: number, extra: unknown = null): string {
  // A card links to the item's story with its size ("3 reports"): a new report of the story changes the card.
  const cards = items.map((item) => [itemHash(item), item.storyId ? (model.stories.get(item.storyId)?.items.length ?? null) : null]);
  return digest([siteKey, page, pages, cards, extra]);
}

/** A page of a task or region: its items, and the item counts of its slices by the other axis, which it lists. */
export function termPageKey(siteKey: string, model: SiteModel, kind: 'task' | 'region', id: string, page: number): string {
  const items = termItems(model, kind, id, page);
  const slices =
    kind === 'task'
      ? model.regions.map((region) => model.itemsByTaskRegion.get(taskRegionKey(id, region.id))?.length ?? 0)
      : model.tasks.map((task) => model.itemsByTaskRegion.get(taskRegionKey(task.id, id))?.length ?? 0);
  return listingKey(siteKey, model, items.page, page, items.pages, [kind, id, slices]);
}

/** The site-wide key of this build (its model and settings, read once per build). */
export async function currentSiteKey(): Promise<string> {
  const { getSite, getSiteSettings } = await import('../content/site.ts');
  const [model, settings] = await Promise.all([getSite(), getSiteSettings()]);
  return siteWideKey(model, settings);
}
