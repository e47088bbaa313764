// Runs a GROQ filter (the inside of `*[…]`) the way Sanity applies it to a
// document list, with groq-js: the filter is parsed as it is and evaluated
// with each document as `this`, so no query is ever assembled around it.
import { evaluate, parse, type ExprNode } from 'groq-js';

type Doc = Record<string, unknown> & { _id: string };

const trees = new Map<string, ExprNode>();

/** True when the document passes the filter. */
export async function matchesFilter(filter: string, document: Doc, params: Record<string, unknown> = {}, dataset: readonly Doc[] = [document]): Promise<boolean> {
  const key = `${filter}\u0000${JSON.stringify(params)}`;
  let tree = trees.get(key);
  if (!tree) {
    tree = parse(filter, { params });
    trees.set(key, tree);
  }
  return (await (await evaluate(tree, { root: document, dataset: dataset as object[], params })).get()) === true;
}

/** The documents of a dataset that pass the filter, in dataset order. */
export async function filterDataset<T extends Doc>(filter: string, dataset: readonly T[], params: Record<string, unknown> = {}): Promise<T[]> {
  const passed = await Promise.all(dataset.map((document) => matchesFilter(filter, document, params, dataset)));
  return dataset.filter((_, index) => passed[index]);
}

type Ordering = { field: string; direction: 'asc' | 'desc'; nulls?: 'first' | 'last' };

const valueAt = (document: Doc, path: string): unknown =>
  path.split('.').reduce<unknown>((node, step) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined), document);

/**
 * Sorts documents as a Sanity document list with these orderings does:
 * missing values first in a descending order and last in an ascending one
 * (PostgreSQL's default, which Sanity follows), unless `nulls` says otherwise.
 */
export function sortByOrdering<T extends Doc>(documents: readonly T[], ordering: readonly Ordering[]): T[] {
  return [...documents].sort((a, b) => {
    for (const { field, direction, nulls } of ordering) {
      const x = valueAt(a, field);
      const y = valueAt(b, field);
      const missingX = x === undefined || x === null;
      const missingY = y === undefined || y === null;
      if (missingX || missingY) {
        if (missingX && missingY) continue;
        const nullsLast = (nulls ?? (direction === 'desc' ? 'first' : 'last')) === 'last';
        return missingX === nullsLast ? 1 : -1;
      }
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return 0;
  });
}
