import { createHash } from 'node:crypto';
import { reference, regionId, sourceId, taskId, type DatasetDocument } from './documents.ts';
import type { LanguageDecision, NormalizedItem } from '../model.ts';
import { itemSlug } from '../normalize/slug.ts';

/** As the tag stage gives it (src/pipeline/tag/tagItem.ts): `matched` the item's words, `kind` 'learned' for the learned layer's words. */
export type TagEvidence = { term: string; field: 'title' | 'summary'; weight: number; matched?: string; kind?: 'learned' };
export type TagSuggestion = { id: string; confidence: number; evidence: TagEvidence[] };

/** What the tag stage decided about one item (see src/pipeline/tag). */
export type ItemTags = {
  health: boolean;
  healthScore: number;
  healthEvidence: TagEvidence[];
  tasks: TagSuggestion[];
  regions: TagSuggestion[];
};

/** An item ready to store: normalized, language decided, tagged. */
export type PreparedItem = {
  sourceId: string;
  item: NormalizedItem;
  language: LanguageDecision;
  tags: ItemTags | null;
};

/**
 * Hash of what the feed said, so a re-ingest can tell "updated upstream" from
 * "unchanged". An estimated date is the first-seen time, which moves on every
 * run, so it is left out.
 */
export function upstreamHash(item: NormalizedItem): string {
  const upstream = {
    guid: item.guid,
    title: item.title,
    summary: item.summary,
    contentHtml: item.contentHtml,
    link: item.link,
    publishedAt: item.publishedAtEstimated ? null : item.publishedAt,
    image: item.image,
    author: item.author,
    enclosures: item.enclosures,
  };
  return createHash('sha256').update(JSON.stringify(upstream)).digest('hex').slice(0, 32);
}

const keyOf = (text: string): string => createHash('sha1').update(text).digest('hex').slice(0, 12);

const evidenceArray = (evidence: TagEvidence[]) =>
  evidence.map((entry) => ({
    // A learned word may also be a rule's term: the kind keeps their keys apart.
    _key: keyOf(`${entry.kind ? `${entry.kind}:` : ''}${entry.field}:${entry.term}`),
    _type: 'tagEvidence',
    term: entry.term,
    field: entry.field,
    weight: entry.weight,
    ...(entry.matched === undefined ? {} : { matched: entry.matched }),
    ...(entry.kind === undefined ? {} : { kind: entry.kind }),
  }));

const suggestionArray = (suggestions: TagSuggestion[], toId: (id: string) => string) =>
  suggestions.map((suggestion) => ({
    _key: suggestion.id,
    _type: 'tagSuggestion',
    tag: reference(toId(suggestion.id)),
    confidence: suggestion.confidence,
    evidence: evidenceArray(suggestion.evidence),
  }));

/** The language stage's fields of a `newsItem`; separate so `retag` can refresh them with the tags. */
export function languageFields(language: LanguageDecision): Record<string, unknown> {
  return { language: language.language, languageConfidence: language.confidence, languageMethod: language.method };
}

/** The tag fields in their stored shape; separate so `retag` can refresh them alone. */
export function tagFields(tags: ItemTags): Record<string, unknown> {
  return {
    health: tags.health,
    healthScore: tags.healthScore,
    healthEvidence: evidenceArray(tags.healthEvidence),
    suggestedTasks: suggestionArray(tags.tasks, taskId),
    suggestedRegions: suggestionArray(tags.regions, regionId),
  };
}

/**
 * The machine fields of a `newsItem`. `undefined` marks a field with no value:
 * omitted on create, unset on update (Sanity stores absence, not null).
 */
export function machineFields(prepared: PreparedItem, now: string): Record<string, unknown> {
  const { item, language, tags } = prepared;
  return {
    title: item.title,
    summary: item.summary,
    contentHtml: item.contentHtml || undefined,
    link: item.link ?? undefined,
    guid: item.guid ?? undefined,
    identityKey: item.identityKey,
    guidSource: item.guidSource,
    publishedAt: item.publishedAt,
    publishedAtEstimated: item.publishedAtEstimated,
    ...languageFields(language),
    image: item.image ?? undefined,
    author: item.author ?? undefined,
    enclosures:
      item.enclosures.length > 0
        ? item.enclosures.map((enclosure) => ({
            _key: keyOf(enclosure.url),
            _type: 'enclosure',
            url: enclosure.url,
            type: enclosure.type ?? undefined,
            length: enclosure.length ?? undefined,
          }))
        : undefined,
    source: reference(sourceId(prepared.sourceId)),
    contentHash: upstreamHash(item),
    machineUpdatedAt: now,
    ...(tags ? tagFields(tags) : {}),
  };
}

/** Splits a field map into Sanity's `set` and `unset`. */
export function toSetUnset(fields: Record<string, unknown>): { set: Record<string, unknown>; unset: string[] } {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) unset.push(name);
    else set[name] = stripUndefined(value);
  }
  return { set, unset };
}

export function newItemDocument(prepared: PreparedItem, now: string): DatasetDocument {
  const { set } = toSetUnset(machineFields(prepared, now));
  return {
    _id: prepared.item._id,
    _type: 'newsItem',
    ...set,
    firstSeenAt: now,
    reviewStatus: 'new',
    slug: { _type: 'slug', current: itemSlug(prepared.item.title, prepared.item._id) },
    // The feed's words for the picture (media:description) start the editors'
    // alt text; written on creation only, since from then on the field is theirs.
    ...(prepared.item.imageAlt ? { imageAlt: prepared.item.imageAlt } : {}),
  };
}

function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUndefined);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, inner]) => inner !== undefined)
        .map(([key, inner]) => [key, stripUndefined(inner)]),
    );
  }
  return value;
}
