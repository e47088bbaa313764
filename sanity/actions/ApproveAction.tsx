import { useDocumentOperation, type DocumentActionComponent } from 'sanity';
import { approvePatch, type ItemDocument } from './patches.ts';

/** Approve: confirms the suggested tags unless the editor changed them, then publishes. */
export const ApproveAction: DocumentActionComponent = (props) => {
  const { patch, publish } = useDocumentOperation(props.id, props.type);
  const document = (props.draft ?? props.published) as ItemDocument | null;
  if (document === null) return null;
  const outcome = approvePatch(document);
  return {
    label: document.reviewStatus === 'approved' ? 'Approved' : 'Approve',
    tone: 'positive',
    disabled: !outcome.ok || Boolean(patch.disabled),
    title: outcome.ok ? 'Confirm the tags and publish' : outcome.reason,
    onHandle: () => {
      if (!outcome.ok) return;
      patch.execute(outcome.patches);
      publish.execute();
      props.onComplete();
    },
  };
};
ApproveAction.displayName = 'ApproveAction';
