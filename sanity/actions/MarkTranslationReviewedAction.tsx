import { useDocumentOperation, type DocumentActionComponent } from 'sanity';
import { markTranslationReviewedPatch, type ItemDocument } from './patches.ts';

/** Records that the translations match the original as it is now. */
export const MarkTranslationReviewedAction: DocumentActionComponent = (props) => {
  const { patch, publish } = useDocumentOperation(props.id, props.type);
  const document = (props.draft ?? props.published) as ItemDocument | null;
  if (document === null) return null;
  const outcome = markTranslationReviewedPatch(document, new Date().toISOString());
  return {
    label: 'Mark translation reviewed',
    disabled: !outcome.ok || Boolean(patch.disabled),
    title: outcome.ok ? undefined : outcome.reason,
    onHandle: () => {
      if (!outcome.ok) return;
      patch.execute(outcome.patches);
      publish.execute();
      props.onComplete();
    },
  };
};
MarkTranslationReviewedAction.displayName = 'MarkTranslationReviewedAction';
