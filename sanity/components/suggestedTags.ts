// The suggested-tags input's logic, kept apart from React: which suggestions
// are accepted, and the confirmed list after one click.

export type ConfirmedRef = { _type: 'reference'; _ref: string; _key: string };
export type SuggestionView = {
  id: string;
  confidence: number | null;
  evidence: { term: string; field: string; weight: number | null }[];
  accepted: boolean;
};

type StoredSuggestion = {
  tag?: { _ref?: unknown };
  confidence?: unknown;
  evidence?: { term?: unknown; field?: unknown; weight?: unknown }[] | null;
};

/** Each suggestion with its evidence and whether it is already among the confirmed tags. */
export function suggestionViews(
  suggestions: readonly StoredSuggestion[] | null | undefined,
  confirmed: readonly { _ref?: unknown }[] | null | undefined,
): SuggestionView[] {
  const confirmedIds = new Set((confirmed ?? []).map((entry) => entry._ref));
  return (suggestions ?? [])
    .filter((entry): entry is StoredSuggestion & { tag: { _ref: string } } => typeof entry.tag?._ref === 'string')
    .map((entry) => ({
      id: entry.tag._ref,
      confidence: typeof entry.confidence === 'number' ? entry.confidence : null,
      evidence: (entry.evidence ?? []).map((evidence) => ({
        term: String(evidence.term ?? ''),
        field: String(evidence.field ?? ''),
        weight: typeof evidence.weight === 'number' ? evidence.weight : null,
      })),
      accepted: confirmedIds.has(entry.tag._ref),
    }));
}

/** The confirmed list with the tag added (once) or removed. */
export function toggleConfirmed(
  confirmed: readonly ConfirmedRef[] | null | undefined,
  id: string,
  accept: boolean,
): ConfirmedRef[] {
  const rest = (confirmed ?? []).filter((entry) => entry._ref !== id);
  return accept ? [...rest, { _type: 'reference', _ref: id, _key: id }] : rest;
}
