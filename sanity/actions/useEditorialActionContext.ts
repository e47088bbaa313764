import { useDocumentOperation, useValidationStatus, type DocumentActionProps } from 'sanity';
import { decideAction, type ActionDecision } from './decide.ts';
import type { ItemDocument, Outcome } from './patches.ts';

/**
 * What an editorial action needs from the studio: the document, `decide`
 * (decideAction on the live validation status and operations: validation done
 * and clean, the document ready, the outcome valid on the document it would
 * publish) and `run` (patch, then publish, as the decision allows).
 */
export function useEditorialActionContext(props: DocumentActionProps) {
  const { patch, publish } = useDocumentOperation(props.id, props.type);
  const document = (props.draft ?? props.published) as ItemDocument | null;
  // What the default Publish watches: the validation of the document as the editor sees it (the draft when there is one).
  const validation = useValidationStatus(props.draft?._id ?? props.published?._id ?? props.id, props.type, true);
  // A publish right after the patch has changes to publish, so "no changes yet" does not count; "not ready" does.
  const operationDisabled = patch.disabled || (publish.disabled === 'NOT_READY' ? 'NOT_READY' : false);
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
  return { document, decide, run };
}
