// What each document action writes, as pure functions of the document: the
// actions (./*.tsx) only show the result and execute it. Outcomes are values:
// `{ ok: false, reason }` is shown to the editor as why the action is disabled.

export type Reference = { _type: 'reference'; _ref: string; _key: string };
export type PatchOperation =
  | { setIfMissing: Record<string, unknown> }
  | { set: Record<string, unknown> }
  | { unset: string[] };
export type Outcome = { ok: true; patches: PatchOperation[] } | { ok: false; reason: string };

type Suggestion = { _key?: string; tag?: { _ref?: unknown } };
export type ItemDocument = {
  _id?: string;
  _rev?: string;
  reviewStatus?: unknown;
  contentHash?: unknown;
  suggestedTasks?: Suggestion[] | null;
  suggestedRegions?: Suggestion[] | null;
  confirmedTasks?: { _ref?: unknown; _key?: string }[] | null;
  confirmedRegions?: { _ref?: unknown; _key?: string }[] | null;
  translations?: { ru?: { title?: unknown; machineDraftAt?: unknown } | null; en?: { title?: unknown; machineDraftAt?: unknown } | null } | null;
  /** The translate step's drafts (src/pipeline/translate), read-only in the studio. */
  machineTranslations?: Partial<Record<'ru' | 'en', { title?: unknown; summary?: unknown; provider?: unknown; at?: unknown } | null>> | null;
  rejectionReason?: unknown;
};

const TRANSLATION_LANGUAGES = ['en', 'ru'] as const;
const filled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** A confirmed tag keyed by its document id, so accepting the same tag twice is visibly the same entry. */
export const confirmedReference = (id: string): Reference => ({ _type: 'reference', _ref: id, _key: id });

const suggestedReferences = (suggestions: Suggestion[] | null | undefined): Reference[] => {
  const ids = (suggestions ?? []).map((entry) => entry.tag?._ref).filter((ref): ref is string => typeof ref === 'string');
  return [...new Set(ids)].map(confirmedReference);
};

/**
 * Approve: the suggested tasks and regions become the confirmed ones, unless
 * the editor already set the confirmed list (even to empty: removing every
 * suggestion is a choice). An item with no task after that cannot be approved.
 */
export function approvePatch(document: ItemDocument): Outcome {
  const set: Record<string, unknown> = { reviewStatus: 'approved' };
  const tasks = Array.isArray(document.confirmedTasks) ? document.confirmedTasks : suggestedReferences(document.suggestedTasks);
  if (!Array.isArray(document.confirmedTasks)) set.confirmedTasks = tasks;
  if (!Array.isArray(document.confirmedRegions)) set.confirmedRegions = suggestedReferences(document.suggestedRegions);
  if (tasks.length === 0) return { ok: false, reason: 'Confirm at least one task before approving.' };
  return { ok: true, patches: [{ set }, { unset: ['rejectionReason'] }] };
}

/** Reject, with the reason the editor typed; an empty reason is refused. */
export function rejectPatch(reason: string): Outcome {
  const trimmed = reason.trim();
  if (trimmed === '') return { ok: false, reason: 'Give a reason for the rejection.' };
  return { ok: true, patches: [{ set: { reviewStatus: 'rejected', rejectionReason: trimmed } }] };
}

/**
 * Mark the translation reviewed against the original as it is now:
 * `sourceHashAtReview` takes the current `contentHash`, so the item leaves
 * "Translation out of date" until the feed changes the original again.
 */
export function markTranslationReviewedPatch(document: ItemDocument, now: string): Outcome {
  if (typeof document.contentHash !== 'string' || document.contentHash === '') {
    return { ok: false, reason: 'The item has no content hash yet (not ingested).' };
  }
  const hasTranslation = [document.translations?.ru?.title, document.translations?.en?.title].some(
    (title) => typeof title === 'string' && title.trim() !== '',
  );
  if (!hasTranslation) return { ok: false, reason: 'Write a Russian or English title first.' };
  // A text started from a machine draft is now reviewed against the draft as it is too.
  const drafts: Record<string, unknown> = {};
  for (const lang of TRANSLATION_LANGUAGES) {
    const at = document.machineTranslations?.[lang]?.at;
    if (document.translations?.[lang]?.machineDraftAt !== undefined && filled(at)) drafts[`translations.${lang}.machineDraftAt`] = at;
  }
  return {
    ok: true,
    patches: [
      { setIfMissing: { translations: { _type: 'translations' } } },
      { set: { 'translations.reviewedAt': now, 'translations.sourceHashAtReview': document.contentHash, ...drafts } },
    ],
  };
}

/**
 * Use machine draft: each language with a machine translation and no
 * editor's title gets the draft as its title and summary, with the draft's
 * time (`machineDraftAt`), so a later change of the draft shows the text as
 * out of date. An editor's title is never replaced. The editor then edits
 * and marks the translation reviewed; nothing is published by this.
 */
export function machineDraftPatch(document: ItemDocument): Outcome {
  const set: Record<string, unknown> = {};
  for (const lang of TRANSLATION_LANGUAGES) {
    const draft = document.machineTranslations?.[lang];
    if (!draft || !filled(draft.title) || filled(document.translations?.[lang]?.title)) continue;
    set[`translations.${lang}`] = {
      _type: 'translation',
      title: draft.title.trim(),
      ...(filled(draft.summary) ? { summary: draft.summary.trim() } : {}),
      ...(filled(draft.at) ? { machineDraftAt: draft.at } : {}),
    };
  }
  if (Object.keys(set).length === 0) {
    const anyDraft = TRANSLATION_LANGUAGES.some((lang) => filled(document.machineTranslations?.[lang]?.title));
    return { ok: false, reason: anyDraft ? 'Every language with a machine draft already has an editor\'s title.' : 'No machine draft yet (the translate step has not run for this item).' };
  }
  return { ok: true, patches: [{ setIfMissing: { translations: { _type: 'translations' } } }, { set }] };
}

/** Applies patch operations to a plain object (set/unset on dotted paths), for tests and previews of an action. */
export function applyPatches<T extends Record<string, unknown>>(document: T, patches: readonly PatchOperation[]): T {
  const next = structuredClone(document) as Record<string, unknown>;
  const walk = (path: string, create: boolean): [Record<string, unknown>, string] | null => {
    const steps = path.split('.');
    let node = next;
    for (const step of steps.slice(0, -1)) {
      if (node[step] === undefined || node[step] === null) {
        if (!create) return null;
        node[step] = {};
      }
      node = node[step] as Record<string, unknown>;
    }
    return [node, steps.at(-1)!];
  };
  for (const patch of patches) {
    if ('setIfMissing' in patch) {
      for (const [path, value] of Object.entries(patch.setIfMissing)) {
        const target = walk(path, true)!;
        if (target[0][target[1]] === undefined) target[0][target[1]] = structuredClone(value);
      }
    } else if ('set' in patch) {
      for (const [path, value] of Object.entries(patch.set)) {
        const target = walk(path, true)!;
        target[0][target[1]] = structuredClone(value);
      }
    } else {
      for (const path of patch.unset) {
        const target = walk(path, false);
        if (target) delete target[0][target[1]];
      }
    }
  }
  return next as T;
}
