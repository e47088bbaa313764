import { readFileSync } from 'node:fs';
import { fail, ok, type Result } from '../model.ts';
import { isLineError, labelledLineSchema, parseJsonLines } from './jsonl.ts';
import type { LabelledBatch } from './trainTagger.ts';

/**
 * Reads labelled files (../shared/eval/README.md) as training batches, one per
 * file. Ids are prefixed with the file so that two files may reuse them.
 * Every category must be a task of the rules.
 */
export function readLabelledBatches(files: readonly string[], taskIds: readonly string[]): Result<LabelledBatch[]> {
  const batches: LabelledBatch[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return fail('file_unreadable', `${file}: ${(error as Error).message}`);
    }
    const lines = parseJsonLines(text, labelledLineSchema);
    const bad = lines.find(isLineError);
    if (bad) return fail(bad.error.code, `${file}: ${bad.error.message}`);
    const items = lines.flatMap((line) => (isLineError(line) ? [] : [{ ...line.value, id: `${file}#${line.value.id}` }]));
    const unknown = items.flatMap((item) => item.categories.filter((id) => !taskIds.includes(id)).map((id) => `${item.id}: ${id}`));
    if (unknown.length > 0) return fail('label_unknown', `${file}: categories that are not tasks of the rules: ${unknown.slice(0, 5).join('; ')}`);
    batches.push({ file, items });
  }
  return ok(batches);
}
