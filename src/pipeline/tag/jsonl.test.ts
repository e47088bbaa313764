import { describe, expect, it } from 'vitest';
import { classifyLineSchema, isLineError, labelledLineSchema, parseJsonLines, toClassifyInput } from './jsonl.ts';

describe('parseJsonLines', () => {
  const text = [
    '{"id":"a","title":"Больница","summary":"Текст"}',
    '',
    'not json',
    '{"id":"b","title":"Hospital"}',
    '{"id":"a","title":"Again","summary":""}',
    '{"id":"c","title":"Лікарня","summary":"","lang":"uk","extra":1}',
    '{"id":"d","title":"x","summary":"","lang":"fr"}',
  ].join('\n');
  const lines = parseJsonLines(text, classifyLineSchema);

  it('gives one result per non-blank line, in order, with 1-based line numbers', () => {
    expect(lines.map((line) => line.line)).toEqual([1, 3, 4, 5, 6, 7]);
  });

  it.each([
    [3, 'json_invalid', /line 3: not JSON/],
    [4, 'line_invalid', /line 4: summary/],
    [5, 'duplicate_id', /line 5: id "a" already used on line 1/],
    [7, 'line_invalid', /line 7: lang/],
  ])('line %i is an error %s', (lineNumber, code, message) => {
    const line = lines.find((entry) => entry.line === lineNumber)!;
    expect(isLineError(line)).toBe(true);
    if (isLineError(line)) {
      expect(line.error.code).toBe(code);
      expect(line.error.message).toMatch(message);
    }
  });

  it('accepts a declared language and ignores other keys', () => {
    const line = lines.find((entry) => entry.line === 6)!;
    if (isLineError(line)) throw new Error(line.error.message);
    expect(toClassifyInput(line.value)).toMatchObject({ id: 'c', lang: 'uk', publishedAt: null });
  });

  it('reads labelled lines', () => {
    const labelled = parseJsonLines(
      '{"id":"d1","lang":"ru","title":"t","summary":"s","categories":["policy"],"regions":[],"health":true,"story":null}\n' +
        '{"id":"d2","lang":"ru","title":"t","summary":"s","categories":[],"regions":[],"health":"yes","story":null}',
      labelledLineSchema,
    );
    expect(isLineError(labelled[0]!)).toBe(false);
    expect(isLineError(labelled[1]!)).toBe(true);
  });
});
