import { useEffect, useState } from 'react';
import { useDocumentOperation, useValidationStatus, type DocumentActionProps } from 'sanity';
import { decideAction, type ActionDecision } from './decide.ts';
import type { ItemDocument, Outcome } from './patches.ts';

/**
 * What an editorial action needs from the studio: the document, `decide`
 * (decideAction on the live validation status and operations: validation done
 * and clean, the document ready, the outcome valid on the document it would
 * publish), `run` (patch, then publish, as the decision allows) and
 * `runWhenReady`, for a click that comes while the studio is still catching up.
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
  const run = (decision: ActionDecision): boolean => {
    if (!decision.enabled) return false;
    patch.execute(decision.patches);
    publish.execute();
    return true;
  };
  /**
   * Runs the action now ('ran'), or as soon as the studio has caught up
   * ('scheduled': the action completes itself then), or not at all ('refused':
   * the document itself does not allow it).
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
      props.onComplete();
    } else if (!decision.pending) {
      // The document itself now refuses it (an error appeared): the editor sees why on the button.
      setScheduled(null);
    }
  });
  return { document, decide, run, runWhenReady, scheduled: scheduled !== null };
}
