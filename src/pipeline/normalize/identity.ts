import { createHash } from 'node:crypto';
import type { GuidSource, NormalizeContext, RawItem } from '../model.ts';
import { identityUrl, isHttpUrl, resolveUrl } from './urls.ts';

export type ItemIdentity = {
  /** The identity key: a normalised URL, `sourceId:guid` or `sourceId:sha256:<hex>`. */
  key: string;
  source: GuidSource;
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Who an item is, so that the same article fetched again (or through a
 * redirect, or with another campaign's tracking parameters) gets the same
 * dataset document. The first rung that applies wins:
 *
 * 1. `guid-url`: the guid is an absolute http(s) URL, or the feed says
 *    `isPermaLink="true"` and the guid resolves against the item's base to
 *    one. Key: the normalised URL (see below). A URL names the article
 *    wherever it is syndicated.
 * 2. `guid`: any other non-empty guid (Atom `id`, `tag:` and `urn:` ids,
 *    `123`). Key: `${sourceId}:${guid}`. Such ids are only promised to be
 *    unique within their feed, so the source scopes them.
 * 3. `link`: no guid, an http(s) link. Key: the normalised link.
 * 4. `link-title`: no guid, and another item of the same feed has the same
 *    key but another title (sites that point several stories at one
 *    redirect or section page). Key: `<normalised link> title-sha256:<hex>`
 *    of the item's title. Decided per feed, in `resolveFeedIdentities`.
 * 5. `content-hash`: nothing else. Key: `${sourceId}:sha256:<hex>` of
 *    title, date and description (each trimmed, joined by U+001F), so an
 *    item without ids keeps its identity as long as its text does.
 *
 * Items of one feed that still share a key are the same item twice (same
 * guid, or same link and title, or same text): the first is kept and the
 * others are reported as dropped, never silently lost.
 *
 * URL normalisation for keys: scheme and host lower-case, default port,
 * fragment and tracking parameters (tracking-params.json) dropped.
 *
 * The dataset `_id` is `item-` and the first 24 hex digits of the key's
 * SHA-256: stable, and free of the dots Sanity reads as private paths.
 */
export function itemIdentity(raw: RawItem, link: string | null, base: string | null, context: NormalizeContext): ItemIdentity {
  const guid = raw.guid?.trim() ?? '';
  if (guid !== '') {
    const absolute = resolveUrl(guid, null);
    if (isHttpUrl(absolute)) return { key: identityUrl(absolute), source: 'guid-url' };
    if (raw.guidIsPermaLink === true) {
      const resolved = resolveUrl(guid, base);
      if (isHttpUrl(resolved)) return { key: identityUrl(resolved), source: 'guid-url' };
    }
    return { key: `${context.sourceId}:${guid}`, source: 'guid' };
  }
  const linkUrl = resolveUrl(link, null);
  if (isHttpUrl(linkUrl)) return { key: identityUrl(linkUrl), source: 'link' };
  const fingerprint = [raw.title, raw.date, raw.description].map((part) => part?.trim() ?? '').join('\u001f');
  return { key: `${context.sourceId}:sha256:${sha256(fingerprint)}`, source: 'content-hash' };
}

/** Rung 4: a link shared with another story of the same feed, told apart by the title. */
export function linkTitleIdentity(linkKey: string, title: string): ItemIdentity {
  return { key: `${linkKey} title-sha256:${sha256(title)}`, source: 'link-title' };
}

/** One item of a feed, as far as its identity goes. */
export type IdentityCandidate = { identity: ItemIdentity; title: string };

/**
 * The identities of a feed's items after rung 4: an item identified by its
 * link alone that shares its key with an item of another title is keyed by
 * link and title instead. Items with a guid keep theirs: two distinct guids
 * are two items whatever their links, and the same guid is one item.
 */
export function resolveFeedIdentities(candidates: readonly IdentityCandidate[]): ItemIdentity[] {
  const titlesByKey = new Map<string, Set<string>>();
  for (const { identity, title } of candidates) {
    const titles = titlesByKey.get(identity.key) ?? new Set<string>();
    titles.add(title);
    titlesByKey.set(identity.key, titles);
  }
  return candidates.map(({ identity, title }) =>
    identity.source === 'link' && titlesByKey.get(identity.key)!.size > 1 ? linkTitleIdentity(identity.key, title) : identity,
  );
}

/** The dataset `_id` for an identity key. */
export function itemId(key: string): string {
  return `item-${sha256(key).slice(0, 24)}`;
}
