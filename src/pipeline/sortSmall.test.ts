import { describe, expect, it } from 'vitest';
import { sortSmall } from './sortSmall.ts';

type Piece = { weight: number; order: number };

const byAbsoluteWeight = (a: Piece, b: Piece) => Math.abs(b.weight) - Math.abs(a.weight);
const pieces = (weights: number[]): Piece[] => weights.map((weight, order) => ({ weight, order }));

describe('sortSmall', () => {
  it.each([
    ['empty', []],
    ['one', [3]],
    ['sorted', [5, 3, 1]],
    ['reversed', [1, 3, 5]],
    ['ties keep their order', [2, -2, 2, 1, -2]],
    ['negative and positive evidence', [0.5, -3, 3, 1.25, -0.5, 0, 3]],
  ])('%s: the order of the stable built-in sort', (_, weights) => {
    expect(sortSmall(pieces(weights), byAbsoluteWeight)).toEqual(pieces(weights).sort(byAbsoluteWeight));
  });

  it('agrees with the built-in sort on many lists with ties', () => {
    // A fixed linear congruential sequence: the same lists on every run.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 7;
    for (let length = 0; length < 20; length++) {
      for (let trial = 0; trial < 20; trial++) {
        const weights = Array.from({ length }, () => next() - 3);
        expect(sortSmall(pieces(weights), byAbsoluteWeight)).toEqual(pieces(weights).sort(byAbsoluteWeight));
      }
    }
  });

  it('sorts in place and returns the list', () => {
    const list = [3, 1, 2];
    expect(sortSmall(list, (a, b) => a - b)).toBe(list);
    expect(list).toEqual([1, 2, 3]);
  });
});
