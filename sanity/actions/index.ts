import type { DocumentActionComponent, DocumentActionsContext } from 'sanity';
import { ApproveAction } from './ApproveAction.tsx';
import { MarkTranslationReviewedAction } from './MarkTranslationReviewedAction.tsx';
import { RejectAction } from './RejectAction.tsx';

/** News items get the editorial actions first; other types keep the defaults. */
export function resolveDocumentActions(previous: DocumentActionComponent[], context: DocumentActionsContext): DocumentActionComponent[] {
  if (context.schemaType !== 'newsItem') return previous;
  return [ApproveAction, RejectAction, MarkTranslationReviewedAction, ...previous];
}
