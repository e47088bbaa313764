import { describe, expect, it } from 'vitest';
import { applyPatches, approvePatch, markTranslationReviewedPatch, rejectPatch } from '../../sanity/actions/patches.ts';
import { approvedNeedsConfirmedTask } from '../../sanity/schemaTypes/validation.ts';
import { needsTranslationFilter, translationOutdatedFilter, translationUnreviewedFilter } from '../../sanity/structure/filters.ts';
import { matchesFilter } from '../support/groqFilter.ts';

const suggestion = (id: string) => ({
  _key: id.replace(/^\w+-/, ''),
  _type: 'tagSuggestion',
  tag: { _type: 'reference', _ref: id },
  confidence: 0.7,
  evidence: [{ _key: 'k', _type: 'tagEvidence', term: 'поликлиник', field: 'title', weight: 2 }],
});
const item = (extra: Record<string, unknown> = {}): Record<string, any> => ({
  _id: 'item-1',
  _type: 'newsItem',
  reviewStatus: 'new',
  contentHash: 'hash-1',
  suggestedTasks: [suggestion('task-access-quality'), suggestion('task-prevention')],
  suggestedRegions: [suggestion('region-murmansk')],
  ...extra,
});
const inList = (filter: string, document: Record<string, any>) => matchesFilter(filter, document as { _id: string });

describe('Approve', () => {
  it('confirms the suggested tags when the editor has not set any', () => {
    const outcome = approvePatch(item());
    expect(outcome.ok).toBe(true);
    const approved = applyPatches(item({ rejectionReason: 'old' }), outcome.ok ? outcome.patches : []);
    expect(approved.reviewStatus).toBe('approved');
    expect(approved.confirmedTasks).toEqual([
      { _type: 'reference', _ref: 'task-access-quality', _key: 'task-access-quality' },
      { _type: 'reference', _ref: 'task-prevention', _key: 'task-prevention' },
    ]);
    expect(approved.confirmedRegions).toEqual([{ _type: 'reference', _ref: 'region-murmansk', _key: 'region-murmansk' }]);
    expect('rejectionReason' in approved).toBe(false);
    expect(approvedNeedsConfirmedTask(approved)).toBe(true);
  });

  it('keeps the tags the editor chose', () => {
    const chosen = [{ _type: 'reference', _ref: 'task-prevention', _key: 'task-prevention' }];
    const outcome = approvePatch(item({ confirmedTasks: chosen, confirmedRegions: [] }));
    expect(outcome.ok).toBe(true);
    const approved = applyPatches(item({ confirmedTasks: chosen, confirmedRegions: [] }), outcome.ok ? outcome.patches : []);
    expect(approved.confirmedTasks).toEqual(chosen);
    expect(approved.confirmedRegions).toEqual([]);
  });

  it('refuses when no task would be confirmed', () => {
    expect(approvePatch(item({ suggestedTasks: [] }))).toEqual({ ok: false, reason: expect.stringMatching(/at least one task/) });
    expect(approvePatch(item({ confirmedTasks: [] })).ok).toBe(false);
  });
});

describe('Reject', () => {
  it('sets the status and the trimmed reason', () => {
    const outcome = rejectPatch('  advertising ');
    expect(outcome).toEqual({ ok: true, patches: [{ set: { reviewStatus: 'rejected', rejectionReason: 'advertising' } }] });
  });
  it('refuses an empty reason', () => {
    expect(rejectPatch('   ').ok).toBe(false);
  });
});

describe('Mark translation reviewed', () => {
  it('records the current content hash, taking the item out of "Translation out of date"', async () => {
    const translated = item({ reviewStatus: 'approved', language: 'ru', translations: { en: { title: 'Clinic opens', summary: 'x' }, sourceHashAtReview: 'hash-0' } });
    expect(await inList(translationOutdatedFilter, translated)).toBe(true);
    const outcome = markTranslationReviewedPatch(translated, '2026-11-22T10:00:00.000Z');
    expect(outcome.ok).toBe(true);
    const reviewed = applyPatches(translated, outcome.ok ? outcome.patches : []);
    expect(reviewed.translations).toEqual({ en: { title: 'Clinic opens', summary: 'x' }, sourceHashAtReview: 'hash-1', reviewedAt: '2026-11-22T10:00:00.000Z' });
    expect(await inList(translationOutdatedFilter, reviewed)).toBe(false);
    expect(await inList(needsTranslationFilter, reviewed)).toBe(false);
  });
  it('takes a translation never reviewed out of "Translation not yet reviewed"', async () => {
    const translated = item({ reviewStatus: 'approved', translations: { en: { title: 'Clinic opens' } } });
    expect(await inList(translationUnreviewedFilter, translated)).toBe(true);
    expect(await inList(translationOutdatedFilter, translated)).toBe(false);
    const outcome = markTranslationReviewedPatch(translated, '2026-11-22T10:00:00.000Z');
    const reviewed = applyPatches(translated, outcome.ok ? outcome.patches : []);
    expect(await inList(translationUnreviewedFilter, reviewed)).toBe(false);
    expect(await inList(translationOutdatedFilter, reviewed)).toBe(false);
    // The feed changes the original: now it is out of date.
    expect(await inList(translationOutdatedFilter, { ...reviewed, contentHash: 'hash-2' })).toBe(true);
  });
  it('refuses without a translation or a content hash', () => {
    expect(markTranslationReviewedPatch(item(), 'now').ok).toBe(false);
    expect(markTranslationReviewedPatch(item({ contentHash: undefined, translations: { ru: { title: 'т' } } }), 'now').ok).toBe(false);
  });
});
