import { isLocale, LOCALES, type Locale } from './locales.ts';
import { itemSlug, shortId } from '../../pipeline/normalize/slug.ts';

// The site's view of the dataset: what the pages render, built once per build
// from the query results by pure functions. Query results are typed loosely
// (an editor or a later pipeline may leave any field out) and settled here.

export type Localized = Partial<Record<string, string | null>>;
export type Text = { title: string; summary: string };
/** A machine translation: `provider` is the translate step's provider id (`deepl`, `libretranslate`). */
export type MachineText = Text & { provider: string };
/**
 * A tag's evidence: the rule term that fired, and (when the tagger records it)
 * the words it matched in the text; `kind: 'learned'` is a word the tagger's
 * learned layer weighed for the tag.
 */
export type Evidence = { term: string; field: string; weight: number | null; matched?: string | null; kind?: string | null };

export type RawSuggestion = { id: string | null; confidence?: number | null; evidence?: Evidence[] | null };
export type RawItem = {
  _id: string;
  /** Set once by the pipeline from the first title seen; absent on older documents. */
  slug?: string | null;
  title?: string | null;
  summary?: string | null;
  link?: string | null;
  publishedAt?: string | null;
  language?: string | null;
  image?: string | null;
  /** The image's description from the feed (media:description/title), when the pipeline or an editor recorded one. */
  imageAlt?: string | null;
  reviewStatus?: string | null;
  featured?: boolean | null;
  sourceId?: string | null;
  alsoSeenIn?: (string | null)[] | null;
  duplicateOf?: string | null;
  suggestedTasks?: RawSuggestion[] | null;
  suggestedRegions?: RawSuggestion[] | null;
  confirmedTasks?: (string | null)[] | null;
  confirmedRegions?: (string | null)[] | null;
  translations?: { ru?: Partial<Text> | null; en?: Partial<Text> | null } | null;
  /** The translate step's texts (src/pipeline/translate): shown only where no editor's or original text exists. */
  machineTranslations?: { ru?: (Partial<Text> & { provider?: string | null }) | null; en?: (Partial<Text> & { provider?: string | null }) | null } | null;
};
export type RawTask = {
  _id: string;
  id?: string | null;
  title?: Localized | null;
  scope?: Localized | null;
  description?: Localized | null;
  seeds?: string | null;
};
export type RawRegion = { _id: string; id?: string | null; title?: Localized | null };
export type RawSource = {
  _id: string;
  id?: string | null;
  name?: Localized | null;
  siteUrl?: string | null;
  feedUrl?: string | null;
  regionId?: string | null;
  language?: string | null;
  enabled?: boolean | null;
  description?: Localized | null;
  sample?: boolean | null;
  lastFetchedAt?: string | null;
  lastSuccessAt?: string | null;
  lastError?: { code?: string; message?: string; at?: string } | null;
  consecutiveFailures?: number | null;
  lastItemCount?: number | null;
};
export type RawContent = { items: RawItem[]; tasks: RawTask[]; regions: RawRegion[]; sources: RawSource[] };

/** A label in each site language; `lang` says which language the text really is in. */
export type Label = Record<Locale, { text: string; lang: string }>;

export type Term = { docId: string; id: string; title: Label; order: number };
export type Task = Term & { scope: Partial<Record<Locale, string>>; seeds: string | null };
export type Region = Term;
export type Source = {
  docId: string;
  id: string;
  name: Label;
  siteUrl: string | null;
  feedUrl: string | null;
  regionId: string | null;
  language: string | null;
  enabled: boolean;
  /** What readers are told about the source (the editors' `note` never reaches the site). */
  description: Label | null;
  sample: boolean;
  lastFetchedAt: string | null;
  lastSuccessAt: string | null;
  lastError: { code: string; message: string; at: string | null } | null;
  consecutiveFailures: number;
  itemCount: number;
};

export type Tag = { id: string; confidence: number | null; evidence: Evidence[]; confirmed: boolean };

export type SiteItem = {
  docId: string;
  shortId: string;
  slug: string;
  /** Language of the original text (`ru`, `en`, `be`…), null when undetermined. */
  language: string | null;
  original: Text;
  /** Text in each site language when there is one: the original or an editor's translation. */
  texts: Partial<Record<Locale, Text>>;
  /** Machine translations into site languages that have no text in `texts`, with the provider's id. */
  machineTexts: Partial<Record<Locale, MachineText>>;
  link: string | null;
  publishedAt: string;
  /** `YYYY-MM` of publishedAt in UTC: the archive month. */
  month: string;
  image: string | null;
  /** Text alternative of the image; empty when the feed described none (the image is then decorative). */
  imageAlt: string;
  reviewed: boolean;
  featured: boolean;
  sourceId: string | null;
  alsoSeenIn: string[];
  tasks: Tag[];
  regions: Tag[];
  sample: boolean;
  /** Short id of the story when at least two shown items report it. */
  storyId: string | null;
};

export type Story = { id: string; items: SiteItem[] };
export type MonthCount = { year: number; month: number; key: string; count: number };

export type SiteModel = {
  items: SiteItem[];
  tasks: Task[];
  regions: Region[];
  sources: Source[];
  taskById: Map<string, Task>;
  regionById: Map<string, Region>;
  sourceById: Map<string, Source>;
  stories: Map<string, Story>;
  months: MonthCount[];
  itemsByMonth: Map<string, SiteItem[]>;
  itemsByTask: Map<string, SiteItem[]>;
  itemsByRegion: Map<string, SiteItem[]>;
  itemsByTaskRegion: Map<string, SiteItem[]>;
  /** True when any shown item comes from a sample source. */
  hasSample: boolean;
  /** Newest publishedAt among shown items, or null for an empty site. */
  updatedAt: string | null;
};

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
/** Links from feeds go into href attributes: only http(s), never javascript: or data:. */
const webUrl = (value: unknown): string | null => (nonEmpty(value) && /^https?:\/\//i.test(value.trim()) ? value.trim() : null);

/** A label in both site languages, falling back to the other language (marked) and then to the id. */
export function label(values: Localized | null | undefined, fallback: string): Label {
  const out = {} as Label;
  for (const lang of LOCALES) {
    const own = values?.[lang];
    if (nonEmpty(own)) {
      out[lang] = { text: own, lang };
      continue;
    }
    const other = LOCALES.map((candidate) => [candidate, values?.[candidate]] as const).find(([, text]) => nonEmpty(text));
    out[lang] = other ? { text: other[1] as string, lang: other[0] } : { text: fallback, lang: 'en' };
  }
  return out;
}

/** A description written as a continuation ("building, repairing…") starts a sentence on a page. */
export function sentenceCase(text: string, lang: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toLocaleUpperCase(lang) + trimmed.slice(1);
}

const taskKey = (task: string, region: string): string => `${task}|${region}`;
export { taskKey as taskRegionKey };

function isoOrNull(value: string | null | undefined): string | null {
  if (!nonEmpty(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function textsOf(raw: RawItem, original: Text, language: string | null): Partial<Record<Locale, Text>> {
  const texts: Partial<Record<Locale, Text>> = {};
  for (const lang of LOCALES) {
    const translation = raw.translations?.[lang];
    if (translation && nonEmpty(translation.title)) {
      texts[lang] = { title: translation.title, summary: nonEmpty(translation.summary) ? translation.summary : '' };
    } else if (language === lang) {
      texts[lang] = original;
    }
  }
  return texts;
}

function machineTextsOf(raw: RawItem, texts: Partial<Record<Locale, Text>>): Partial<Record<Locale, MachineText>> {
  const out: Partial<Record<Locale, MachineText>> = {};
  for (const lang of LOCALES) {
    const machine = raw.machineTranslations?.[lang];
    // An editor's text or the original always wins; a machine translation only fills a gap.
    if (texts[lang] || !machine || !nonEmpty(machine.title)) continue;
    out[lang] = { title: machine.title.trim(), summary: nonEmpty(machine.summary) ? machine.summary.trim() : '', provider: nonEmpty(machine.provider) ? machine.provider : 'other' };
  }
  return out;
}

/**
 * Tags an item carries: the editor's confirmed list when there is one (an
 * editor's empty list means "none of these"), else the pipeline's
 * suggestions. Evidence comes from the suggestion of the same tag, when any.
 */
export function resolveTags(
  suggested: RawSuggestion[] | null | undefined,
  confirmed: (string | null)[] | null | undefined,
  idOf: ReadonlyMap<string, string>,
): Tag[] {
  const suggestions = new Map<string, RawSuggestion>();
  for (const suggestion of suggested ?? []) {
    const id = suggestion.id ? idOf.get(suggestion.id) : undefined;
    if (id && !suggestions.has(id)) suggestions.set(id, suggestion);
  }
  const toTag = (id: string, isConfirmed: boolean): Tag => {
    const suggestion = suggestions.get(id);
    return {
      id,
      confidence: typeof suggestion?.confidence === 'number' ? suggestion.confidence : null,
      evidence: (suggestion?.evidence ?? []).filter((entry) => entry && nonEmpty(entry.term)),
      confirmed: isConfirmed,
    };
  };
  if (Array.isArray(confirmed)) {
    const ids = confirmed.map((ref) => (ref ? idOf.get(ref) : undefined)).filter((id): id is string => id !== undefined);
    return [...new Set(ids)].map((id) => toTag(id, true));
  }
  return [...suggestions.keys()].map((id) => toTag(id, false));
}

const byNewest = (a: SiteItem, b: SiteItem): number =>
  a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The whole view model from the query results. Pure; the same input gives the same site. */
export function buildSiteModel(raw: RawContent): SiteModel {
  const tasks: Task[] = raw.tasks
    .filter((task) => nonEmpty(task.id))
    .map((task, index) => ({
      docId: task._id,
      id: task.id as string,
      title: label(task.title, task.id as string),
      order: index,
      scope: Object.fromEntries(
        LOCALES.flatMap((lang) => {
          const text = task.description?.[lang] ?? task.scope?.[lang];
          return nonEmpty(text) ? [[lang, sentenceCase(text, lang)]] : [];
        }),
      ) as Partial<Record<Locale, string>>,
      seeds: nonEmpty(task.seeds) ? task.seeds : null,
    }));
  const regions: Region[] = raw.regions
    .filter((region) => nonEmpty(region.id))
    .map((region, index) => ({ docId: region._id, id: region.id as string, title: label(region.title, region.id as string), order: index }));
  const taskIdOf = new Map(tasks.map((task) => [task.docId, task.id]));
  const regionIdOf = new Map(regions.map((region) => [region.docId, region.id]));

  const sourceByDoc = new Map<string, RawSource>(raw.sources.map((source) => [source._id, source]));
  const usedSlugs = new Set<string>();
  const items: SiteItem[] = [];
  for (const rawItem of raw.items) {
    const publishedAt = isoOrNull(rawItem.publishedAt);
    if (publishedAt === null) continue; // nowhere to file it in the archive or a feed
    const language = nonEmpty(rawItem.language) && rawItem.language !== 'und' ? rawItem.language : null;
    const original: Text = {
      title: nonEmpty(rawItem.title) ? rawItem.title.trim() : shortId(rawItem._id),
      summary: nonEmpty(rawItem.summary) ? rawItem.summary.trim() : '',
    };
    let slug = nonEmpty(rawItem.slug) ? rawItem.slug : itemSlug(original.title, rawItem._id);
    // Two ids sharing 8 hex digits would collide; keep the URL unique and stable by falling back to the full id.
    if (usedSlugs.has(slug)) slug = itemSlug(original.title, rawItem._id.replace(/^item-/, 'item-x'));
    usedSlugs.add(slug);
    const source = rawItem.sourceId ? sourceByDoc.get(rawItem.sourceId) : undefined;
    const texts = textsOf(rawItem, original, language);
    items.push({
      docId: rawItem._id,
      shortId: shortId(rawItem._id),
      slug,
      language,
      original,
      texts,
      machineTexts: machineTextsOf(rawItem, texts),
      link: webUrl(rawItem.link),
      publishedAt,
      month: publishedAt.slice(0, 7),
      image: nonEmpty(rawItem.image) ? rawItem.image : null,
      imageAlt: nonEmpty(rawItem.imageAlt) ? rawItem.imageAlt.trim() : '',
      reviewed: rawItem.reviewStatus === 'approved',
      featured: rawItem.featured === true,
      sourceId: source?._id ?? null,
      alsoSeenIn: [...new Set((rawItem.alsoSeenIn ?? []).filter((ref): ref is string => nonEmpty(ref) && ref !== source?._id))],
      tasks: resolveTags(rawItem.suggestedTasks, rawItem.confirmedTasks, taskIdOf),
      regions: resolveTags(rawItem.suggestedRegions, rawItem.confirmedRegions, regionIdOf),
      sample: source?.sample === true,
      storyId: null,
    });
  }
  items.sort(byNewest);

  // Stories: the pipeline points every later report at the earliest item of
  // the story; the story is named after that item even when it is not shown.
  const groups = new Map<string, SiteItem[]>();
  const rootOf = new Map(raw.items.map((item) => [item._id, nonEmpty(item.duplicateOf) ? item.duplicateOf : item._id]));
  for (const item of items) push(groups, rootOf.get(item.docId) ?? item.docId, item);
  const stories = new Map<string, Story>();
  for (const [root, members] of groups) {
    if (members.length < 2) continue;
    const id = shortId(root);
    const ordered = [...members].sort((a, b) => -byNewest(a, b));
    for (const member of ordered) member.storyId = id;
    stories.set(id, { id, items: ordered });
  }

  const itemsByMonth = new Map<string, SiteItem[]>();
  const itemsByTask = new Map<string, SiteItem[]>();
  const itemsByRegion = new Map<string, SiteItem[]>();
  const itemsByTaskRegion = new Map<string, SiteItem[]>();
  const countBySource = new Map<string, number>();
  for (const item of items) {
    push(itemsByMonth, item.month, item);
    for (const task of item.tasks) push(itemsByTask, task.id, item);
    for (const region of item.regions) push(itemsByRegion, region.id, item);
    for (const task of item.tasks) for (const region of item.regions) push(itemsByTaskRegion, taskKey(task.id, region.id), item);
    for (const ref of [item.sourceId, ...item.alsoSeenIn]) if (ref) countBySource.set(ref, (countBySource.get(ref) ?? 0) + 1);
  }
  const months: MonthCount[] = [...itemsByMonth.entries()]
    .map(([key, list]) => ({ key, year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)), count: list.length }))
    .sort((a, b) => (a.key < b.key ? 1 : -1));

  const sources: Source[] = raw.sources.map((source) => ({
    docId: source._id,
    id: nonEmpty(source.id) ? source.id : source._id.replace(/^source-/, ''),
    name: label(source.name, nonEmpty(source.id) ? source.id : source._id),
    siteUrl: webUrl(source.siteUrl),
    feedUrl: nonEmpty(source.feedUrl) ? source.feedUrl : null,
    regionId: source.regionId ? (regionIdOf.get(source.regionId) ?? null) : null,
    language: nonEmpty(source.language) ? source.language : null,
    enabled: source.enabled !== false,
    description: LOCALES.some((lang) => nonEmpty(source.description?.[lang])) ? label(source.description, '') : null,
    sample: source.sample === true,
    lastFetchedAt: isoOrNull(source.lastFetchedAt),
    lastSuccessAt: isoOrNull(source.lastSuccessAt),
    lastError:
      source.lastError && nonEmpty(source.lastError.code)
        ? { code: source.lastError.code, message: source.lastError.message ?? '', at: isoOrNull(source.lastError.at) }
        : null,
    consecutiveFailures: source.consecutiveFailures ?? 0,
    itemCount: countBySource.get(source._id) ?? 0,
  }));

  return {
    items,
    tasks,
    regions,
    sources,
    taskById: new Map(tasks.map((task) => [task.id, task])),
    regionById: new Map(regions.map((region) => [region.id, region])),
    sourceById: new Map(sources.map((source) => [source.docId, source])),
    stories,
    months,
    itemsByMonth,
    itemsByTask,
    itemsByRegion,
    itemsByTaskRegion,
    hasSample: items.some((item) => item.sample),
    updatedAt: items[0]?.publishedAt ?? null,
  };
}

/** What a listing shows for an item in a page language. */
export type DisplayText = Text & {
  /** Language of the shown text; differs from the page's when no text exists in it. */
  lang: string | null;
  /** The page language has no text for this item: the original is shown instead. */
  untranslated: boolean;
  /** The shown text is an editor's translation. */
  translated: boolean;
  /** The shown text is a machine translation by this provider (`deepl`, `libretranslate`); null otherwise. */
  machine: string | null;
};

/** The site language of an item's original when it is not the page's: the page that links to it. */
export function originalPageLanguage(item: SiteItem, lang: Locale): Locale | null {
  return item.language && isLocale(item.language) && item.language !== lang ? item.language : null;
}

/** A label's language when it differs from the page's (its `lang` attribute), else undefined. */
export const labelLang = (label: Label, lang: Locale): string | undefined => (label[lang].lang !== lang ? label[lang].lang : undefined);

/**
 * The text an item shows in a page language, in this order: the original or
 * an editor's translation; else a machine translation (marked); else the
 * original in its own language (marked untranslated).
 */
export function displayText(item: SiteItem, lang: Locale): DisplayText {
  const text = item.texts[lang];
  if (text) return { ...text, lang, untranslated: false, translated: item.language !== lang, machine: null };
  const machine = item.machineTexts[lang];
  if (machine) return { title: machine.title, summary: machine.summary, lang, untranslated: false, translated: false, machine: machine.provider };
  return { ...item.original, lang: item.language, untranslated: true, translated: false, machine: null };
}

/**
 * What a reader is shown for one piece of evidence: the words the rule matched
 * in the item when the tagger recorded them, else the rule term without its
 * syntax (`=рак` exact and `онколог*` prefix read as рак and онколог).
 */
export function evidenceWords(evidence: Pick<Evidence, 'term' | 'matched'>): string {
  if (nonEmpty(evidence.matched)) return evidence.matched.trim();
  return evidence.term
    .split(/\s+/)
    .map((word) => word.replace(/^=+/, '').replace(/\*+$/, ''))
    .filter(Boolean)
    .join(' ');
}

/** One item per story, for listings where repeats would crowd the page: the newest report stands for it and links to the story. */
export function onePerStory(items: readonly SiteItem[]): SiteItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (item.storyId === null) return true;
    if (seen.has(item.storyId)) return false;
    seen.add(item.storyId);
    return true;
  });
}

/** Splits a list into pages of `size`; an empty list is one empty page (every listing has a first page). */
export function paginate<T>(list: readonly T[], size: number): T[][] {
  if (list.length === 0) return [[]];
  const pages: T[][] = [];
  for (let start = 0; start < list.length; start += size) pages.push(list.slice(start, start + size));
  return pages;
}
