import { NEWS_ITEM_DOCUMENT_RULES } from '../schemaTypes/validation.ts';
import { applyPatches, type ItemDocument, type Outcome, type PatchOperation } from './patches.ts';

// Whether an editorial action may run, as a pure function of what the studio
// knows: the document, its validation status (useValidationStatus), whether
// the document operations are ready, and the patches the action would apply.
// The actions publish, so they hold to what the default Publish holds to:
// nothing is published while validation runs or reports an error. On top of
// that, the document they would publish (the current one with their patches)
// must pass the item's document-level rules, so "Approve" on an item whose
// approval would leave it without a task is refused before it is tried.

export type PathSegment = string | number | { _key: string } | [number | '', number | ''];
export type ValidationMarkerLike = { level: 'error' | 'warning' | 'info'; message: string; path: readonly PathSegment[] };
export type ValidationSnapshot = {
  isValidating: boolean;
  validation: readonly ValidationMarkerLike[];
  /** The revision the markers were computed for; older than the document means still validating. */
  revision?: string;
};

/** `pending`: refused only until the studio has caught up (validation running, the document still loading), not for the document itself. */
export type ActionDecision = { enabled: true; patches: PatchOperation[] } | { enabled: false; reason: string; pending?: true };

const segmentText = (segment: PathSegment): string =>
  typeof segment === 'string' ? segment : typeof segment === 'number' ? `[${segment}]` : Array.isArray(segment) ? `[${segment.join(':')}]` : `[${segment._key}]`;

/** `translations.en.title`-style path of a marker, for the reason an editor reads. */
export const markerPath = (path: readonly PathSegment[]): string => path.map(segmentText).join('.').replace(/\.\[/g, '[');

/** The markers were computed for an older revision than the document's: its validation has not caught up yet. */
const validationIsStale = (validation: ValidationSnapshot, documentRevision: string | undefined): boolean =>
  validation.revision !== undefined && documentRevision !== undefined && validation.revision !== documentRevision;

/**
 * Why the document cannot be published as it is, or null. Document-level
 * markers (empty path) come from NEWS_ITEM_DOCUMENT_RULES, which the action
 * re-checks on the patched document instead (Approve fixes "approved without
 * a task" by confirming the suggestions); every field-level error blocks.
 */
export function validationBlocker(
  validation: ValidationSnapshot,
  documentRevision: string | undefined,
  operationDisabled: string | false | undefined,
): string | null {
  if (operationDisabled) return `The document is not ready for this (${operationDisabled}).`;
  if (validation.isValidating || validationIsStale(validation, documentRevision)) return 'Checking the document…';
  const errors = validation.validation.filter((marker) => marker.level === 'error' && marker.path.length > 0);
  if (errors.length === 0) return null;
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `Fix the validation errors first: ${markerPath(first!.path)}: ${first!.message}${more}`;
}

/** Whether the blocker is one that passes by itself: the document not ready yet, or its validation not done. */
export function blockerIsPending(validation: ValidationSnapshot, documentRevision: string | undefined, operationDisabled: string | false | undefined): boolean {
  return Boolean(operationDisabled) || validation.isValidating || validationIsStale(validation, documentRevision);
}

/** The first document-level rule the document would break once the patches are applied, or null. */
export function patchedDocumentProblem(document: ItemDocument, patches: readonly PatchOperation[]): string | null {
  const patched = applyPatches(document as Record<string, unknown>, patches);
  for (const rule of NEWS_ITEM_DOCUMENT_RULES) {
    const result = rule(patched);
    if (result !== true) return result;
  }
  return null;
}

/** The whole decision: ready, validated, the action's own outcome, and a valid result. */
export function decideAction(input: {
  document: ItemDocument;
  outcome: Outcome;
  validation: ValidationSnapshot;
  documentRevision?: string | undefined;
  operationDisabled?: string | false | undefined;
}): ActionDecision {
  const blocker = validationBlocker(input.validation, input.documentRevision, input.operationDisabled);
  if (blocker !== null) {
    return blockerIsPending(input.validation, input.documentRevision, input.operationDisabled) ? { enabled: false, reason: blocker, pending: true } : { enabled: false, reason: blocker };
  }
  if (!input.outcome.ok) return { enabled: false, reason: input.outcome.reason };
  const problem = patchedDocumentProblem(input.document, input.outcome.patches);
  if (problem !== null) return { enabled: false, reason: problem };
  return { enabled: true, patches: input.outcome.patches };
}
