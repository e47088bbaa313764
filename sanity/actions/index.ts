import type { DocumentActionComponent, DocumentActionsContext } from 'sanity';
import { ApproveAction } from './ApproveAction.tsx';
import { CheckFeedAction } from './CheckFeedAction.tsx';
import { MarkTranslationReviewedAction } from './MarkTranslationReviewedAction.tsx';
import { PreviewOnSiteAction } from './PreviewOnSiteAction.tsx';
import { RejectAction } from './RejectAction.tsx';
import { UseMachineDraftAction } from './UseMachineDraftAction.tsx';

/** Types with one document per id (a page per key and language, the settings singleton): a copy could never be published. */
const NO_DUPLICATE = new Set(['page', 'siteSettings']);

/**
 * News items get the editorial actions first, then the preview, then the
 * defaults; sources get "Check feed" after Publish; pages and the site settings lose "Duplicate"; other types keep
 * the defaults.
 */
export function resolveDocumentActions(previous: DocumentActionComponent[], context: DocumentActionsContext): DocumentActionComponent[] {
  if (context.schemaType === 'newsItem') return [ApproveAction, RejectAction, UseMachineDraftAction, MarkTranslationReviewedAction, PreviewOnSiteAction, ...previous];
  if (context.schemaType === 'source') {
    // Publish stays the footer's main button; "Check feed" comes next.
    const publish = previous.findIndex((action) => action.action === 'publish');
    return [...previous.slice(0, publish + 1), CheckFeedAction, ...previous.slice(publish + 1)];
  }
  if (NO_DUPLICATE.has(context.schemaType)) return previous.filter((action) => action.action !== 'duplicate');
  return previous;
}
