import type { DocumentActionComponent } from 'sanity';
import { markTranslationReviewedPatch } from './patches.ts';
import { useEditorialActionContext } from './useEditorialActionContext.ts';

/** Records that the translations match the original as it is now, then publishes; refused while the item is invalid. */
export const MarkTranslationReviewedAction: DocumentActionComponent = (props) => {
  const { document, decide, runWhenReady, scheduled } = useEditorialActionContext(props);
  if (document === null) return null;
  const decision = decide(markTranslationReviewedPatch(document, new Date().toISOString()));
  return {
    label: 'Mark translation reviewed',
    // Enabled while the checks run: a click then waits for them (runWhenReady).
    disabled: scheduled || (!decision.enabled && !decision.pending),
    title: decision.enabled ? 'The translations match the original as it is now' : decision.reason,
    onHandle: () => {
      // The action completes itself once published (useEditorialActionContext).
      runWhenReady((current) => markTranslationReviewedPatch(current, new Date().toISOString()));
    },
  };
};
MarkTranslationReviewedAction.displayName = 'MarkTranslationReviewedAction';
