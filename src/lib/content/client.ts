/**
 * What the site needs from a content store: run a GROQ query with parameters.
 * `local.ts` runs it with groq-js over the dataset file; a Sanity client
 * (`@sanity/client`'s `fetch(query, params)`) has the same shape, so it can be
 * dropped in without touching the pages.
 */
export type ContentClient = {
  fetch<T>(query: string, params?: Record<string, unknown>): Promise<T>;
  /** Where the content comes from, for logs (may name a file path: never on a public page). */
  readonly description: string;
  /** Which kind of store answers: all the health route says about it. */
  readonly store: 'local' | 'sanity';
};
