/**
 * What the site needs from a content store: run a GROQ query with parameters.
 * `local.ts` runs it with groq-js over the dataset file; a Sanity client
 * (`@sanity/client`'s `fetch(query, params)`) has the same shape, so it can be
 * dropped in without touching the pages.
 */
export type ContentClient = {
  fetch<T>(query: string, params?: Record<string, unknown>): Promise<T>;
  /** Where the content comes from, for logs and the health route. */
  readonly description: string;
};
