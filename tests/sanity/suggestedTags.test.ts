import { describe, expect, it } from 'vitest';
import { approvePatch, applyPatches } from '../../sanity/actions/patches.ts';
import { applySuggestionAction, suggestionSummary, suggestionViews, tagLabel } from '../../sanity/components/suggestedTags.ts';

const suggestion = (id: string, term = 'поликлиник') => ({
  _key: id.replace(/^\w+-/, ''),
  _type: 'tagSuggestion',
  tag: { _type: 'reference', _ref: id },
  confidence: 0.7,
  evidence: [{ _key: 'k', _type: 'tagEvidence', term, field: 'title', weight: 2 }],
});
const suggested = [suggestion('task-access-quality'), suggestion('task-prevention', 'диспансеризац'), suggestion('task-prevention')];
const ref = (id: string) => ({ _type: 'reference', _ref: id, _key: id });
const labels = new Map([
  ['task-access-quality', { ru: 'Доступность и качество помощи', en: 'Access to and quality of care' }],
  ['task-prevention', { ru: 'Профилактика и здоровый образ жизни' }],
]);
const states = (confirmed: unknown) => suggestionViews(suggested, confirmed, labels).map((view) => [view.id, view.state, view.action.text]);

describe('the state each suggestion shows', () => {
  it('before the editor touches the list: pending, Approve will confirm them, each removable', () => {
    expect(states(undefined)).toEqual([
      ['task-access-quality', 'pending', 'Remove'],
      ['task-prevention', 'pending', 'Remove'],
    ]);
    const [first] = suggestionViews(suggested, undefined, labels);
    expect(first!.note).toBe('Suggested: will be confirmed on Approve');
    expect(suggestionSummary(suggested, undefined)).toBe('Not reviewed yet: Approve confirms these 2 suggestions. Remove any that do not fit.');
  });

  it('once a list is set: confirmed ones offer Remove, the others Accept', () => {
    expect(states([ref('task-prevention')])).toEqual([
      ['task-access-quality', 'not-confirmed', 'Accept'],
      ['task-prevention', 'confirmed', 'Remove'],
    ]);
    // An empty list is a choice (none of these), not "not reviewed".
    expect(states([])).toEqual([
      ['task-access-quality', 'not-confirmed', 'Accept'],
      ['task-prevention', 'not-confirmed', 'Accept'],
    ]);
    expect(suggestionSummary(suggested, [])).toMatch(/^Your selection/);
    expect(suggestionSummary([], undefined)).toBe('No suggestions from the tagger.');
  });

  it('shows the label from the task document, the evidence and the confidence', () => {
    const [first, second] = suggestionViews(suggested, undefined, labels);
    expect(first!.label).toBe('Доступность и качество помощи · Access to and quality of care');
    expect(second!.label).toBe('Профилактика и здоровый образ жизни');
    expect(second!.evidence).toEqual([{ term: 'диспансеризац', field: 'title', weight: 2 }]);
    expect(first!.confidence).toBe(0.7);
    // Titles not loaded (yet): the taxonomy id, never the document id.
    expect(tagLabel('region-murmansk', new Map())).toBe('murmansk');
    expect(suggestionViews(undefined, undefined)).toEqual([]);
  });
});

describe('one click', () => {
  it('Remove on a pending suggestion keeps the others, and Approve then confirms only those', () => {
    const confirmed = applySuggestionAction(suggested, undefined, 'task-access-quality', 'remove');
    expect(confirmed).toEqual([ref('task-prevention')]);
    expect(states(confirmed)).toEqual([
      ['task-access-quality', 'not-confirmed', 'Accept'],
      ['task-prevention', 'confirmed', 'Remove'],
    ]);
    const item = { reviewStatus: 'new', suggestedTasks: suggested, confirmedTasks: confirmed };
    const outcome = approvePatch(item);
    expect(outcome.ok && applyPatches(item, outcome.patches).confirmedTasks).toEqual([ref('task-prevention')]);
  });

  it('Accept and Remove toggle a tag once a list is set, never duplicating it', () => {
    const accepted = applySuggestionAction(suggested, [ref('task-prevention')], 'task-access-quality', 'accept');
    expect(accepted).toEqual([ref('task-prevention'), ref('task-access-quality')]);
    expect(applySuggestionAction(suggested, accepted, 'task-access-quality', 'accept')).toEqual(accepted);
    expect(applySuggestionAction(suggested, accepted, 'task-access-quality', 'remove')).toEqual([ref('task-prevention')]);
    // Tags the editor added by hand (not suggested) survive the clicks.
    expect(applySuggestionAction(suggested, [ref('task-research')], 'task-prevention', 'accept')).toEqual([ref('task-research'), ref('task-prevention')]);
  });
});
