import { describe, expect, it } from 'vitest';
import { applyPatches, approvePatch, machineDraftPatch, markTranslationReviewedPatch, rejectPatch } from '../../sanity/actions/patches.ts';
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

describe('Use machine draft', () => {
  const machine = {
    en: { _type: 'machineTranslation', title: 'Clinic opens', summary: 'In Murmansk.', provider: 'deepl', at: '2026-11-20T10:00:00.000Z', sourceHash: 'h' },
  };
  it('fills the editor\'s empty fields from the draft; the editor then reviews it', async () => {
    const approved = item({ reviewStatus: 'approved', language: 'ru', machineTranslations: machine });
    expect(await inList(needsTranslationFilter, approved)).toBe(true);
    const outcome = machineDraftPatch(approved);
    expect(outcome.ok).toBe(true);
    const drafted = applyPatches(approved, outcome.ok ? outcome.patches : []);
    expect(drafted.translations).toEqual({ _type: 'translations', en: { _type: 'translation', title: 'Clinic opens', summary: 'In Murmansk.', machineDraftAt: '2026-11-20T10:00:00.000Z' } });
    expect(await inList(needsTranslationFilter, drafted)).toBe(false);
    expect(await inList(translationUnreviewedFilter, drafted)).toBe(true);
    const reviewed = markTranslationReviewedPatch(drafted, '2026-11-21T00:00:00.000Z');
    const done = applyPatches(drafted, reviewed.ok ? reviewed.patches : []);
    expect(await inList(translationOutdatedFilter, done)).toBe(false);
  });

  it('never replaces an editor\'s title, and says why it cannot run', () => {
    const edited = item({ language: 'ru', translations: { en: { title: 'Editor' } }, machineTranslations: machine });
    expect(machineDraftPatch(edited)).toEqual({ ok: false, reason: expect.stringMatching(/already has an editor/) });
    expect(machineDraftPatch(item({ language: 'ru' }))).toEqual({ ok: false, reason: expect.stringMatching(/No machine draft/) });
  });

  it('a reviewed text goes out of date when the draft is made again, and back once reviewed', async () => {
    const drafted = item({
      reviewStatus: 'approved',
      language: 'ru',
      machineTranslations: machine,
      translations: { en: { title: 'Clinic opens', machineDraftAt: machine.en.at }, sourceHashAtReview: 'hash-1' },
    });
    expect(await inList(translationOutdatedFilter, drafted)).toBe(false);
    const redone: Record<string, any> = { ...drafted, machineTranslations: { en: { ...machine.en, title: 'The clinic opens', at: '2026-11-25T00:00:00.000Z' } } };
    expect(await inList(translationOutdatedFilter, redone)).toBe(true);
    const outcome = markTranslationReviewedPatch(redone, '2026-11-26T00:00:00.000Z');
    const reviewed = applyPatches(redone, outcome.ok ? outcome.patches : []);
    expect(reviewed.translations.en.machineDraftAt).toBe('2026-11-25T00:00:00.000Z');
    expect(await inList(translationOutdatedFilter, reviewed)).toBe(false);
  });
});
