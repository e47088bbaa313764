import { describe, expect, it } from 'vitest';
import {
  absoluteHttpUrl,
  approvedNeedsConfirmedTask,
  rejectedNeedsReason,
  summaryNeedsTitle,
} from '../../sanity/schemaTypes/validation.ts';

const task = { _type: 'reference', _ref: 'task-access-quality', _key: 'a' };

describe('validation rules', () => {
  it.each([
    [{ reviewStatus: 'approved', confirmedTasks: [task] }, true],
    [{ reviewStatus: 'approved', confirmedTasks: [] }, false],
    [{ reviewStatus: 'approved' }, false],
    [{ reviewStatus: 'approved', confirmedTasks: [{ _key: 'x' }] }, false],
    [{ reviewStatus: 'new' }, true],
    [{ reviewStatus: 'rejected', confirmedTasks: [] }, true],
    [undefined, true],
  ])('approved needs a confirmed task: %j → %s', (item, valid) => {
    const result = approvedNeedsConfirmedTask(item);
    expect(result === true).toBe(valid);
    if (!valid) expect(result).toMatch(/at least one confirmed task/);
  });

  it.each([
    [{ reviewStatus: 'rejected', rejectionReason: 'advertising' }, true],
    [{ reviewStatus: 'rejected', rejectionReason: '  ' }, false],
    [{ reviewStatus: 'rejected' }, false],
    [{ reviewStatus: 'approved' }, true],
  ])('rejected needs a reason: %j → %s', (item, valid) => {
    expect(rejectedNeedsReason(item) === true).toBe(valid);
  });

  it.each([
    [{ title: 'Title', summary: 'Summary' }, true],
    [{ title: 'Title' }, true],
    [{}, true],
    [undefined, true],
    [{ summary: 'Summary' }, false],
    [{ title: ' ', summary: 'Summary' }, false],
  ])('a summary needs a title: %j → %s', (translation, valid) => {
    expect(summaryNeedsTitle(translation) === true).toBe(valid);
  });

  it.each([
    ['https://minzdrav.gov.ru/news/1', true],
    ['http://www.zdrav74.ru/news/feed', true],
    [undefined, true],
    ['', true],
    ['/news/1', false],
    ['minzdrav.gov.ru/news', false],
    ['ftp://example.org/file', false],
    ['javascript:alert(1)', false],
    [42, false],
  ])('absolute http(s) link: %j → %s', (value, valid) => {
    expect(absoluteHttpUrl(value) === true).toBe(valid);
  });
});
