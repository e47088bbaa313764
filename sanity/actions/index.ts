import type { DocumentActionComponent, DocumentActionsContext } from 'sanity';
import { ApproveAction } from './ApproveAction.tsx';
import { MarkTranslationReviewedAction } from './MarkTranslationReviewedAction.tsx';
import { PreviewOnSiteAction } from './PreviewOnSiteAction.tsx';
import { RejectAction } from './RejectAction.tsx';
import { UseMachineDraftAction } from './UseMachineDraftAction.tsx';

/** Types with one document per id (a page per key and language, the settings singleton): a copy could never be published. */
const NO_DUPLICATE = new Set(['page', 'siteSettings']);

/**
 * News items get the editorial actions first, then the preview, then the
 * defaults; pages and the site settings lose "Duplicate"; other types keep
 * the defaults.
 */
export function resolveDocumentActions(previous: DocumentActionComponent[], context: DocumentActionsContext): DocumentActionComponent[] {
  if (context.schemaType === 'newsItem') return [ApproveAction, RejectAction, UseMachineDraftAction, MarkTranslationReviewedAction, PreviewOnSiteAction, ...previous];
  if (NO_DUPLICATE.has(context.schemaType)) return previous.filter((action) => action.action !== 'duplicate');
  return previous;
}
