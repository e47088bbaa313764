// Sanity's perspectives over a plain list of documents, for the local dataset
// (preview) and the tests' stand-in of Sanity's API. A draft is stored as
// `drafts.<id>`; a release version as `versions.<release>.<id>`.

export type Perspective = 'raw' | 'published' | 'drafts';

const DRAFT_PREFIX = 'drafts.';

export const isDraftId = (id: string): boolean => id.startsWith(DRAFT_PREFIX);
export const draftId = (id: string): string => (isDraftId(id) ? id : `${DRAFT_PREFIX}${id}`);
export const publishedId = (id: string): string => (isDraftId(id) ? id.slice(DRAFT_PREFIX.length) : id);

type Doc = { _id: string } & Record<string, unknown>;

/**
 * `published`: only published documents (no `drafts.` or `versions.` ids).
 * `drafts`: every document as its draft when it has one, under its published
 * `_id` with `_originalId` naming the draft, as Sanity answers it.
 * `raw`: everything as stored.
 */
export function applyPerspective<T extends Doc>(documents: Iterable<T>, perspective: Perspective): T[] {
  const all = [...documents];
  if (perspective === 'raw') return all;
  const published = all.filter((document) => !document._id.includes('.'));
  if (perspective === 'published') return published;
  const drafts = new Map(all.filter((document) => isDraftId(document._id)).map((document) => [publishedId(document._id), document]));
  const overlaid = published.map((document) => {
    const draft = drafts.get(document._id);
    return draft ? ({ ...draft, _id: document._id, _originalId: draft._id } as T) : document;
  });
  const publishedIds = new Set(published.map((document) => document._id));
  const draftOnly = [...drafts]
    .filter(([id]) => !publishedIds.has(id))
    .map(([id, draft]) => ({ ...draft, _id: id, _originalId: draft._id }) as T);
  return [...overlaid, ...draftOnly];
}
