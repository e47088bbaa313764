import { fail, ok, type Result } from '../pipeline/model.ts';

/**
 * `--cv K` of eval and train: the number of cross-validation folds. Null
 * when not given; a value that cannot be a number of folds says why.
 */
export function parseFolds(value: string | undefined): Result<number | null> {
  if (value === undefined) return ok(null);
  const folds = Number(value);
  if (!Number.isInteger(folds)) return fail('bad_folds', `--cv ${value}: the number of cross-validation folds must be a whole number`);
  if (folds < 2) {
    return fail('bad_folds', `--cv ${value}: cross-validation needs at least 2 folds (each item is scored by a model fitted on the other folds; with ${folds} there is nothing to fit on)`);
  }
  return ok(folds);
}
