import type { DocumentActionComponent } from 'sanity';
import { approvePatch } from './patches.ts';
import { useEditorialActionContext } from './useEditorialActionContext.ts';

/** Approve: confirms the suggested tags unless the editor changed them, then publishes; refused while the item is invalid. */
export const ApproveAction: DocumentActionComponent = (props) => {
  const { document, decide, runWhenReady, scheduled } = useEditorialActionContext(props);
  if (document === null) return null;
  const decision = decide(approvePatch(document));
  return {
    label: document.reviewStatus === 'approved' ? 'Approved' : 'Approve',
    tone: 'positive',
    // Enabled while the checks run: a click then waits for them (runWhenReady).
    disabled: scheduled || (!decision.enabled && !decision.pending),
    title: decision.enabled ? 'Confirm the tags and publish' : decision.reason,
    onHandle: () => {
      // The action completes itself once published (useEditorialActionContext).
      runWhenReady((current) => approvePatch(current));
    },
  };
};
ApproveAction.displayName = 'ApproveAction';
