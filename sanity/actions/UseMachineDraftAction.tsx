import { useDocumentOperation, type DocumentActionComponent } from 'sanity';
import { machineDraftPatch, type ItemDocument } from './patches.ts';

/**
 * Fills the editor's empty title and summary fields from the machine draft.
 * Only a draft is written: the editor edits it, then "Mark translation
 * reviewed" publishes.
 */
export const UseMachineDraftAction: DocumentActionComponent = (props) => {
  const { patch } = useDocumentOperation(props.id, props.type);
  const document = (props.draft ?? props.published) as ItemDocument | null;
  if (document === null) return null;
  const outcome = machineDraftPatch(document);
  const disabled = !outcome.ok || Boolean(patch.disabled);
  return {
    label: 'Use machine draft',
    disabled,
    title: outcome.ok ? 'Fill the empty translation fields from the machine translation, to edit and review' : outcome.reason,
    onHandle: () => {
      if (outcome.ok && !patch.disabled) patch.execute(outcome.patches);
      props.onComplete();
    },
  };
};
UseMachineDraftAction.displayName = 'UseMachineDraftAction';
