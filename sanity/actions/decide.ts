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

const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, entry: unknown) =>
    entry !== null && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : entry,
  );

/** Whether the published document already holds what the patches write (applying them again changes nothing). */
export function publishedHasOutcome(published: ItemDocument | null, patches: readonly PatchOperation[]): boolean {
  if (published === null) return false;
  const { _rev: _ignored, ...content } = published as ItemDocument & Record<string, unknown>;
  return stableJson(applyPatches(content, patches)) === stableJson(content);
}

/** Publishes tried before an action gives up and says so; the wait between tries. */
export const PUBLISH_ATTEMPTS = 4;
export const PUBLISH_RETRY_MS = 3_000;
/** The first publish waits this long after the patch, so the studio has begun saving it (`busy`) before it is asked. */
export const PUBLISH_FIRST_DELAY_MS = 300;

export type PublishStep = { kind: 'done' } | { kind: 'publish' } | { kind: 'wait'; ms: number } | { kind: 'give-up' };

/**
 * After an action's patch, what to do about its publish. The studio drops a
 * publish still waiting for the document to be saved when another edit of the
 * document comes meanwhile (Sanity's operation queue: a newer operation
 * replaces a pending one), and nothing tells the action: so the action
 * publishes once the patch is saved, checks that the published document holds
 * its outcome, and publishes again if it does not, a few times at most.
 */
export function publishStep(state: {
  /** The published document holds the action's outcome. */
  done: boolean;
  /** Edits not yet saved, or the studio not ready to publish. */
  busy: boolean;
  attempts: number;
  /** When the last publish was asked for (before the first: when the patch was made). */
  lastAttemptAt: number;
  now: number;
}): PublishStep {
  if (state.done) return { kind: 'done' };
  const since = state.now - state.lastAttemptAt;
  const pause = state.attempts === 0 ? PUBLISH_FIRST_DELAY_MS : PUBLISH_RETRY_MS;
  if (since < pause) return { kind: 'wait', ms: pause - since };
  if (state.attempts >= PUBLISH_ATTEMPTS) return { kind: 'give-up' };
  if (state.busy) return { kind: 'wait', ms: 200 };
  return { kind: 'publish' };
}
