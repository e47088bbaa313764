import type { DocumentActionComponent } from 'sanity';
import { approvePatch } from './patches.ts';
import { useEditorialActionContext } from './useEditorialActionContext.ts';

/** Approve: confirms the suggested tags unless the editor changed them, then publishes; refused while the item is invalid. */
export const ApproveAction: DocumentActionComponent = (props) => {
  const { document, decide, run } = useEditorialActionContext(props);
  if (document === null) return null;
  const decision = decide(approvePatch(document));
  return {
    label: document.reviewStatus === 'approved' ? 'Approved' : 'Approve',
    tone: 'positive',
    disabled: !decision.enabled,
    title: decision.enabled ? 'Confirm the tags and publish' : decision.reason,
    onHandle: () => {
      if (run(decision)) props.onComplete();
    },
  };
};
ApproveAction.displayName = 'ApproveAction';
