import { describe, expect, it } from 'vitest';
import { betterPairPoint, PAIR_MIN_PRECISION } from './trainTagger.ts';

describe('betterPairPoint: the pair settings of npm run train -- --cv', () => {
  it.each([
    ['a precise point beats a higher F1 below the precision floor', { precision: 0.92, f1: 0.8 }, { precision: 0.85, f1: 0.86 }, true],
    ['an imprecise point never beats a precise one', { precision: 0.85, f1: 0.9 }, { precision: 0.9, f1: 0.7 }, false],
    ['between precise points, F1 decides', { precision: 0.91, f1: 0.84 }, { precision: 0.95, f1: 0.83 }, true],
    ['between imprecise points, F1 decides', { precision: 0.8, f1: 0.82 }, { precision: 0.85, f1: 0.81 }, true],
    ['a tie keeps the earlier point', { precision: 0.95, f1: 0.83 }, { precision: 0.95, f1: 0.83 }, false],
  ])('%s', (_, point, best, expected) => {
    expect(PAIR_MIN_PRECISION).toBe(0.9);
    expect(betterPairPoint(point, best)).toBe(expected);
  });
});
