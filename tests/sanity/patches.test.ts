import { describe, expect, it } from 'vitest';
import { applyPatches, approvePatch, markTranslationReviewedPatch, rejectPatch } from '../../sanity/actions/patches.ts';
import { suggestionViews, toggleConfirmed } from '../../sanity/components/suggestedTags.ts';
import { approvedNeedsConfirmedTask } from '../../sanity/schemaTypes/validation.ts';
import { needsTranslationFilter, translationOutdatedFilter } from '../../sanity/structure/filters.ts';
import { evaluate, parse } from 'groq-js';

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
const inList = async (filter: string, document: Record<string, unknown>) =>
  (await (await evaluate(parse(`count(*[${filter}])`), { dataset: [document] })).get()) === 1;

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
    const translated = item({ reviewStatus: 'approved', translations: { en: { title: 'Clinic opens', summary: 'x' }, sourceHashAtReview: 'hash-0' } });
    expect(await inList(translationOutdatedFilter, translated)).toBe(true);
    const outcome = markTranslationReviewedPatch(translated, '2026-11-22T10:00:00.000Z');
    expect(outcome.ok).toBe(true);
    const reviewed = applyPatches(translated, outcome.ok ? outcome.patches : []);
    expect(reviewed.translations).toEqual({ en: { title: 'Clinic opens', summary: 'x' }, sourceHashAtReview: 'hash-1', reviewedAt: '2026-11-22T10:00:00.000Z' });
    expect(await inList(translationOutdatedFilter, reviewed)).toBe(false);
    expect(await inList(needsTranslationFilter, reviewed)).toBe(false);
  });
  it('refuses without a translation or a content hash', () => {
    expect(markTranslationReviewedPatch(item(), 'now').ok).toBe(false);
    expect(markTranslationReviewedPatch(item({ contentHash: undefined, translations: { ru: { title: 'т' } } }), 'now').ok).toBe(false);
  });
});

describe('suggested tags input logic', () => {
  it('lists each suggestion with its evidence and whether it is accepted', () => {
    const views = suggestionViews(item().suggestedTasks, [{ _ref: 'task-prevention' }]);
    expect(views.map((view) => [view.id, view.accepted])).toEqual([
      ['task-access-quality', false],
      ['task-prevention', true],
    ]);
    expect(views[0]!.evidence).toEqual([{ term: 'поликлиник', field: 'title', weight: 2 }]);
    expect(suggestionViews(undefined, undefined)).toEqual([]);
  });
  it('accepts a tag once and removes it in one step', () => {
    const once = toggleConfirmed(undefined, 'task-prevention', true);
    const twice = toggleConfirmed(once, 'task-prevention', true);
    expect(twice).toEqual([{ _type: 'reference', _ref: 'task-prevention', _key: 'task-prevention' }]);
    expect(toggleConfirmed(twice, 'task-prevention', false)).toEqual([]);
  });
});
