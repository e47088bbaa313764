import { useEffect, useState } from 'react';
import { useDocumentOperation, useSyncState, useValidationStatus, type DocumentActionProps } from 'sanity';
import { decideAction, publishedHasOutcome, publishStep, type ActionDecision } from './decide.ts';
import type { ItemDocument, Outcome, PatchOperation } from './patches.ts';

/**
 * What an editorial action needs from the studio: the document, `decide`
 * (decideAction on the live validation status and operations: validation done
 * and clean, the document ready, the outcome valid on the document it would
 * publish), `run` (patch, then publish, as the decision allows) and
 * `runWhenReady`, for a click that comes while the studio is still catching up.
 * An action that ran completes itself (`props.onComplete`) once the published
 * document holds its outcome (publishStep in decide.ts).
 */
export function useEditorialActionContext(props: DocumentActionProps) {
  const { patch, publish } = useDocumentOperation(props.id, props.type);
  const document = (props.draft ?? props.published) as ItemDocument | null;
  // What the default Publish watches: the validation of the document as the editor sees it (the draft when there is one).
  const validation = useValidationStatus(props.draft?._id ?? props.published?._id ?? props.id, props.type, true);
  // A publish right after the patch has changes to publish, so "no changes yet" does not count; "not ready" does.
  const operationDisabled = patch.disabled || (publish.disabled === 'NOT_READY' ? 'NOT_READY' : false);
  // An action clicked while the edit just typed is still being saved or checked: it runs once the checks are done,
  // as Sanity's own Publish does, instead of the click doing nothing.
  const [scheduled, setScheduled] = useState<((document: ItemDocument) => Outcome) | null>(null);
  const decide = (outcome: Outcome): ActionDecision =>
    document === null
      ? { enabled: false, reason: 'No document.' }
      : decideAction({ document, outcome, validation, documentRevision: document._rev, operationDisabled });
  const sync = useSyncState(props.id, props.type);
  // The patch is made at once; the publish once the patch is saved, again if the studio dropped it (publishStep).
  const [publishing, setPublishing] = useState<{ patches: PatchOperation[]; attempts: number; lastAttemptAt: number } | null>(null);
  const [, setWakeUps] = useState(0);
  const run = (decision: ActionDecision): boolean => {
    if (!decision.enabled) return false;
    patch.execute(decision.patches);
    setPublishing({ patches: decision.patches, attempts: 0, lastAttemptAt: Date.now() });
    return true;
  };
  useEffect(() => {
    if (publishing === null) return;
    const step = publishStep({
      done: publishedHasOutcome((props.published as ItemDocument | null) ?? null, publishing.patches) && props.draft === null,
      busy: sync.isSyncing || Boolean(publish.disabled && publish.disabled !== 'NO_CHANGES' && publish.disabled !== 'ALREADY_PUBLISHED'),
      attempts: publishing.attempts,
      lastAttemptAt: publishing.lastAttemptAt,
      now: Date.now(),
    });
    if (step.kind === 'wait') {
      const timer = setTimeout(() => setWakeUps((count) => count + 1), step.ms);
      return () => clearTimeout(timer);
    }
    if (step.kind === 'publish') {
      publish.execute();
      setPublishing({ ...publishing, attempts: publishing.attempts + 1, lastAttemptAt: Date.now() });
      return;
    }
    // Done, or given up after a few publishes (the draft keeps the change; the editor sees it unpublished).
    setPublishing(null);
    props.onComplete();
  });
  /**
   * Runs the action now ('ran'), or as soon as the studio has caught up
   * ('scheduled'), or not at all ('refused': the document itself does not
   * allow it). One that runs completes itself once published.
   */
  const runWhenReady = (outcomeOf: (document: ItemDocument) => Outcome): 'ran' | 'scheduled' | 'refused' => {
    if (document === null) return 'refused';
    const decision = decide(outcomeOf(document));
    if (run(decision)) return 'ran';
    if (!decision.enabled && decision.pending) {
      setScheduled(() => outcomeOf);
      return 'scheduled';
    }
    return 'refused';
  };
  useEffect(() => {
    if (scheduled === null || document === null) return;
    const decision = decide(scheduled(document));
    if (decision.enabled) {
      setScheduled(null);
      run(decision);
    } else if (!decision.pending) {
      // The document itself now refuses it (an error appeared): the editor sees why on the button.
      setScheduled(null);
    }
  });
  return { document, decide, run, runWhenReady, scheduled: scheduled !== null || publishing !== null };
}
