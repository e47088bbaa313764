import { CheckFeedAction } from '../../sanity/actions/CheckFeedAction.tsx';
import { describe, expect, it } from 'vitest';
import type { DocumentActionComponent, DocumentActionsContext } from 'sanity';
import { resolveDocumentActions } from '../../sanity/actions/index.ts';
import { decideAction, markerPath, PUBLISH_ATTEMPTS, PUBLISH_FIRST_DELAY_MS, PUBLISH_RETRY_MS, publishedHasOutcome, publishStep, validationBlocker, type ValidationSnapshot } from '../../sanity/actions/decide.ts';
import { approvePatch, markTranslationReviewedPatch, rejectPatch, type ItemDocument } from '../../sanity/actions/patches.ts';
import { PREVIEW_SECRET_PARAM, previewLinks } from '../../sanity/actions/previewLinks.ts';
import { ApproveAction } from '../../sanity/actions/ApproveAction.tsx';
import { RejectAction } from '../../sanity/actions/RejectAction.tsx';
import { MarkTranslationReviewedAction } from '../../sanity/actions/MarkTranslationReviewedAction.tsx';
import { PreviewOnSiteAction } from '../../sanity/actions/PreviewOnSiteAction.tsx';
import { UseMachineDraftAction } from '../../sanity/actions/UseMachineDraftAction.tsx';

const suggestion = (id: string) => ({ _key: id, _type: 'tagSuggestion', tag: { _type: 'reference', _ref: id }, confidence: 0.8, evidence: [] });
const item = (extra: Partial<ItemDocument> & Record<string, unknown> = {}): ItemDocument => ({
  _id: 'drafts.item-1',
  _rev: 'rev-2',
  reviewStatus: 'new',
  contentHash: 'hash-1',
  suggestedTasks: [suggestion('task-workforce')],
  suggestedRegions: [suggestion('region-murmansk')],
  ...extra,
});
const clean: ValidationSnapshot = { isValidating: false, validation: [], revision: 'rev-2' };
// What Sanity's validator reports for an English summary without an English title (the `translation` object's rule).
const summaryWithoutTitle: ValidationSnapshot = {
  isValidating: false,
  revision: 'rev-2',
  validation: [{ level: 'error', message: 'A summary needs a title in the same language.', path: ['translations', 'en'] }],
};

describe('when an editorial action may run', () => {
  it('Approve runs on a clean item and publishes the approval', () => {
    const decision = decideAction({ document: item(), outcome: approvePatch(item()), validation: clean, documentRevision: 'rev-2' });
    expect(decision).toEqual({ enabled: true, patches: expect.arrayContaining([{ set: expect.objectContaining({ reviewStatus: 'approved' }) }]) });
  });

  it.each([
    // Refused for the document itself, or only until the checks are done (pending: a click waits for them).
    ['an English summary without an English title', summaryWithoutTitle, 'Fix the validation errors first: translations.en: A summary needs a title in the same language.', false],
    ['validation still running', { ...clean, isValidating: true }, 'Checking the document…', true],
    ['validation of an older revision', { ...clean, revision: 'rev-1' }, 'Checking the document…', true],
    [
      'two field errors',
      { ...clean, validation: [summaryWithoutTitle.validation[0]!, { level: 'error', message: 'Must be an http(s) URL, got "ftp:".', path: ['enclosures', { _key: 'e1' }, 'url'] }] },
      'Fix the validation errors first: translations.en: A summary needs a title in the same language. (and 1 more)',
      false,
    ],
  ] as const)('Approve, Reject and Mark translation reviewed are refused with %s', (_name, validation, reason, pending) => {
    const document = item({ translations: { en: { title: 'Clinic', summary: 'x' } } as never });
    for (const outcome of [approvePatch(document), rejectPatch('duplicate'), markTranslationReviewedPatch(document, '2026-11-22T10:00:00Z')]) {
      expect(decideAction({ document, outcome, validation, documentRevision: 'rev-2' })).toEqual(pending ? { enabled: false, reason, pending } : { enabled: false, reason });
    }
  });

  it('a document not ready yet is a pending refusal; one ready and checked is not refused', () => {
    const document = item();
    expect(decideAction({ document, outcome: approvePatch(document), validation: clean, documentRevision: 'rev-2', operationDisabled: 'NOT_READY' })).toEqual({
      enabled: false,
      reason: 'The document is not ready for this (NOT_READY).',
      pending: true,
    });
    expect(decideAction({ document, outcome: approvePatch(document), validation: clean, documentRevision: 'rev-2', operationDisabled: false }).enabled).toBe(true);
  });

  it('warnings do not block, and neither do document-level markers the action itself resolves', () => {
    const validation: ValidationSnapshot = {
      isValidating: false,
      revision: 'rev-2',
      validation: [
        { level: 'warning', message: 'Long title', path: ['translations', 'en', 'title'] },
        // The item is marked approved without a task; Approve confirms the suggested one, which fixes it.
        { level: 'error', message: 'An approved item needs at least one confirmed task.', path: [] },
      ],
    };
    const document = item({ reviewStatus: 'approved' });
    expect(decideAction({ document, outcome: approvePatch(document), validation, documentRevision: 'rev-2' }).enabled).toBe(true);
  });

  it('checks the document it would publish: a rejection of an approved item without a task is fine, an approval keeping an empty list is not', () => {
    const emptied = item({ confirmedTasks: [] });
    expect(decideAction({ document: emptied, outcome: approvePatch(emptied), validation: clean })).toEqual({ enabled: false, reason: 'Confirm at least one task before approving.' });
    const approvedNoTask = item({ reviewStatus: 'approved', confirmedTasks: [] });
    expect(decideAction({ document: approvedNoTask, outcome: rejectPatch('advertising'), validation: clean }).enabled).toBe(true);
    // Mark translation reviewed on an approved item with no task would publish an invalid item.
    const translated = item({ reviewStatus: 'approved', confirmedTasks: [], translations: { en: { title: 'Clinic' } } as never });
    expect(decideAction({ document: translated, outcome: markTranslationReviewedPatch(translated, 'now'), validation: clean })).toEqual({
      enabled: false,
      reason: 'An approved item needs at least one confirmed task.',
    });
  });

  it('passes on the action\'s own refusal and a document that is not ready', () => {
    expect(decideAction({ document: item(), outcome: rejectPatch(' '), validation: clean })).toEqual({ enabled: false, reason: 'Give a reason for the rejection.' });
    expect(validationBlocker(clean, 'rev-2', 'NOT_READY')).toBe('The document is not ready for this (NOT_READY).');
    expect(validationBlocker(clean, 'rev-2', false)).toBeNull();
  });

  it.each([
    [['translations', 'en', 'title'], 'translations.en.title'],
    [['enclosures', { _key: 'e1' }, 'url'], 'enclosures[e1].url'],
    [['confirmedTasks', 0], 'confirmedTasks[0]'],
  ] as const)('names the path %j as %s', (path, text) => {
    expect(markerPath(path)).toBe(text);
  });
});

describe('publishing after an action\'s patch', () => {
  const published: ItemDocument = { _id: 'item-1', _rev: 'r1', reviewStatus: 'new', confirmedTasks: null, suggestedTasks: [{ tag: { _ref: 'task-a' } }], rejectionReason: 'old' };
  const approve = approvePatch(published);
  if (!approve.ok) throw new Error(approve.reason);
  const approvedDoc = { ...published, _rev: 'r2', reviewStatus: 'approved', confirmedTasks: [{ _type: 'reference', _ref: 'task-a', _key: 'task-a' } as { _ref: string; _key: string }], confirmedRegions: [] } as ItemDocument & Record<string, unknown>;
  delete approvedDoc.rejectionReason;

  it.each([
    ['nothing published yet', null, false],
    ['the published document before the action', published, false],
    ['the published document with the outcome', approvedDoc, true],
    ['the outcome with its keys in another order and another revision', { confirmedRegions: [], ...approvedDoc, _rev: 'r9' }, true],
    ['the outcome but the old rejection reason still there', { ...approvedDoc, rejectionReason: 'old' }, false],
  ] as const)('the published document holds the outcome: %s', (_name, document, expected) => {
    expect(publishedHasOutcome(document as ItemDocument | null, approve.patches)).toBe(expected);
  });

  const at = 1_000_000;
  it.each([
    ['done as soon as the published document holds the outcome', { done: true, busy: true, attempts: 0, lastAttemptAt: at, now: at }, { kind: 'done' }],
    ['the first publish waits a moment after the patch', { done: false, busy: false, attempts: 0, lastAttemptAt: at, now: at + 100 }, { kind: 'wait', ms: PUBLISH_FIRST_DELAY_MS - 100 }],
    ['then waits while the patch is being saved', { done: false, busy: true, attempts: 0, lastAttemptAt: at, now: at + 1_000 }, { kind: 'wait', ms: 200 }],
    ['then publishes', { done: false, busy: false, attempts: 0, lastAttemptAt: at, now: at + 1_000 }, { kind: 'publish' }],
    ['gives a publish time before trying again', { done: false, busy: false, attempts: 1, lastAttemptAt: at, now: at + 1_000 }, { kind: 'wait', ms: PUBLISH_RETRY_MS - 1_000 }],
    ['publishes again when the studio dropped the first', { done: false, busy: false, attempts: 1, lastAttemptAt: at, now: at + PUBLISH_RETRY_MS }, { kind: 'publish' }],
    ['gives up after the last try had its time', { done: false, busy: false, attempts: PUBLISH_ATTEMPTS, lastAttemptAt: at, now: at + PUBLISH_RETRY_MS }, { kind: 'give-up' }],
    ['the last try still has its time', { done: false, busy: false, attempts: PUBLISH_ATTEMPTS, lastAttemptAt: at, now: at + 10 }, { kind: 'wait', ms: PUBLISH_RETRY_MS - 10 }],
  ] as const)('%s', (_name, state, expected) => {
    expect(publishStep(state)).toEqual(expected);
  });
});

describe('resolveDocumentActions', () => {
  const named = (name: string, action?: string): DocumentActionComponent => Object.assign(() => null, { displayName: name, ...(action ? { action } : {}) }) as never;
  const defaults = [named('PublishAction', 'publish'), named('DuplicateAction', 'duplicate'), named('DeleteAction', 'delete')];
  const context = (schemaType: string) => ({ schemaType }) as DocumentActionsContext;
  it('puts the editorial actions and the preview first on news items, then the defaults', () => {
    expect(resolveDocumentActions(defaults, context('newsItem'))).toEqual([ApproveAction, RejectAction, UseMachineDraftAction, MarkTranslationReviewedAction, PreviewOnSiteAction, ...defaults]);
  });
  it.each(['page', 'siteSettings'])('drops Duplicate on %s (one document per id)', (type) => {
    expect(resolveDocumentActions(defaults, context(type)).map((action) => action.action)).toEqual(['publish', 'delete']);
  });
  it.each(['task', 'region'])('keeps the defaults on %s', (type) => {
    expect(resolveDocumentActions(defaults, context(type))).toBe(defaults);
  });
  it('puts "Check feed" after Publish on sources', () => {
    expect(resolveDocumentActions(defaults, context('source'))).toEqual([defaults[0], CheckFeedAction, ...defaults.slice(1)]);
  });
});

describe('preview links', () => {
  it('point at the site\'s preview route in each language, with the short-lived secret', () => {
    expect(previewLinks('https://medclusters.example', 'drafts.item-abc', 's3cr3t')).toEqual([
      { language: 'ru', href: `https://medclusters.example/preview/ru/item-abc?${PREVIEW_SECRET_PARAM}=s3cr3t` },
      { language: 'en', href: `https://medclusters.example/preview/en/item-abc?${PREVIEW_SECRET_PARAM}=s3cr3t` },
    ]);
    expect(previewLinks('https://example.org/site/', 'item-abc', 'a b')![0]!.href).toBe('https://example.org/site/preview/ru/item-abc?sanity-preview-secret=a+b');
  });
  it.each([undefined, '', 'medclusters.example', 'javascript:alert(1)'])('are not offered without an http(s) site URL (%j)', (site) => {
    expect(previewLinks(site, 'item-abc', 'x')).toBeNull();
  });
});
