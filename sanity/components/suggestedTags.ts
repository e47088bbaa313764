// The suggested-tags input's logic, kept apart from React: what each
// suggestion's state honestly is, and the confirmed list after one click.
//
// Until the editor touches the confirmed list it is unset, and Approve will
// confirm every suggestion (sanity/actions/patches.ts approvePatch): those
// suggestions are "pending" and can be removed in one click (which starts the
// editor's own list with the others). Once the list is set (by the editor or
// by Approve) each suggestion is either confirmed (Remove) or not (Accept).

export type ConfirmedRef = { _type: 'reference'; _ref: string; _key: string };
export type SuggestionState = 'pending' | 'confirmed' | 'not-confirmed';
export type SuggestionAction = 'accept' | 'remove';
export type Evidence = { term: string; field: string; weight: number | null };
export type TagLabel = { ru?: string | null; en?: string | null };

export type SuggestionView = {
  id: string;
  /** The task's or region's title (ru · en), or its id while the titles load. */
  label: string;
  confidence: number | null;
  evidence: Evidence[];
  state: SuggestionState;
  /** What the state means, shown on the card. */
  note: string;
  /** The one button the card offers. */
  action: { kind: SuggestionAction; text: 'Accept' | 'Remove' };
};

type StoredSuggestion = {
  tag?: { _ref?: unknown };
  confidence?: unknown;
  evidence?: { term?: unknown; field?: unknown; weight?: unknown }[] | null;
};

const NOTES: Record<SuggestionState, string> = {
  pending: 'Suggested: will be confirmed on Approve',
  confirmed: 'Confirmed',
  'not-confirmed': 'Not confirmed',
};

/** The editor has not set the list yet: Approve takes the suggestions. An empty list is a choice ("none of these"). */
export const isPending = (confirmed: unknown): boolean => !Array.isArray(confirmed);

const suggestedIds = (suggestions: readonly StoredSuggestion[] | null | undefined): string[] => [
  ...new Set((suggestions ?? []).map((entry) => entry.tag?._ref).filter((ref): ref is string => typeof ref === 'string')),
];

/** A tag's label for the studio: both languages when both exist, else either, else the taxonomy id. */
export function tagLabel(id: string, labels: ReadonlyMap<string, TagLabel>): string {
  const title = labels.get(id);
  const parts = [title?.ru, title?.en].filter((text): text is string => typeof text === 'string' && text.trim() !== '');
  return parts.length > 0 ? [...new Set(parts)].join(' · ') : id.replace(/^(task|region)-/, '');
}

/** Each suggestion with its label, evidence, honest state and the one action that changes it. */
export function suggestionViews(
  suggestions: readonly StoredSuggestion[] | null | undefined,
  confirmed: unknown,
  labels: ReadonlyMap<string, TagLabel> = new Map(),
): SuggestionView[] {
  const pending = isPending(confirmed);
  const confirmedIds = new Set(pending ? [] : (confirmed as { _ref?: unknown }[]).map((entry) => entry?._ref));
  const seen = new Set<string>();
  const views: SuggestionView[] = [];
  for (const entry of suggestions ?? []) {
    const id = entry.tag?._ref;
    if (typeof id !== 'string' || seen.has(id)) continue;
    seen.add(id);
    const state: SuggestionState = pending ? 'pending' : confirmedIds.has(id) ? 'confirmed' : 'not-confirmed';
    views.push({
      id,
      label: tagLabel(id, labels),
      confidence: typeof entry.confidence === 'number' ? entry.confidence : null,
      evidence: (entry.evidence ?? []).map((evidence) => ({
        term: String(evidence.term ?? ''),
        field: String(evidence.field ?? ''),
        weight: typeof evidence.weight === 'number' ? evidence.weight : null,
      })),
      state,
      note: NOTES[state],
      action: state === 'not-confirmed' ? { kind: 'accept', text: 'Accept' } : { kind: 'remove', text: 'Remove' },
    });
  }
  return views;
}

/** The line above the cards: what Approve will do with these tags. */
export function suggestionSummary(suggestions: readonly StoredSuggestion[] | null | undefined, confirmed: unknown): string {
  const count = suggestedIds(suggestions).length;
  if (count === 0) return 'No suggestions from the tagger.';
  if (isPending(confirmed)) return `Not reviewed yet: Approve confirms ${count === 1 ? 'this suggestion' : `these ${count} suggestions`}. Remove any that do not fit.`;
  return 'Your selection: Approve keeps exactly the confirmed tags (the list below).';
}

const reference = (id: string): ConfirmedRef => ({ _type: 'reference', _ref: id, _key: id });

/**
 * The confirmed list after one click. From the pending state, Remove starts
 * the editor's list with every other suggestion (what Approve would have
 * confirmed, minus this one); Accept keeps them all, now explicitly. With a
 * list set, Accept adds the tag once and Remove takes it out.
 */
export function applySuggestionAction(
  suggestions: readonly StoredSuggestion[] | null | undefined,
  confirmed: unknown,
  id: string,
  action: SuggestionAction,
): ConfirmedRef[] {
  const current: ConfirmedRef[] = isPending(confirmed)
    ? suggestedIds(suggestions).map(reference)
    : (confirmed as unknown[]).filter((entry): entry is ConfirmedRef => typeof (entry as { _ref?: unknown })?._ref === 'string');
  const rest = current.filter((entry) => entry._ref !== id);
  return action === 'accept' ? [...rest, reference(id)] : rest;
}
