import { createClient, type SanityClient } from '@sanity/client';
import type { DatasetDocument } from './documents.ts';
import type { DatasetStore } from './local.ts';
import type { Mutation } from './mutations.ts';
import { fail, ok, type Result } from '../model.ts';
import { storeDocumentCountQuery, storeNewsItemPageQuery, storeWholeDocumentsQuery } from '../../lib/content/queries.ts';

// The dataset in Sanity, behind the same DatasetStore the local file has.
// The ingest's plan is already Sanity mutations (createIfNotExists, then
// patch set/unset of machine fields only), so commit sends it as it is, in
// transactions of bounded size. Editor fields are never in the plan, so they
// are never written.
//
// Sanity has no lock an ingest could hold. What the local store's lock gives,
// Sanity gets otherwise: one document per item because its `_id` is derived
// from the item's identity and created with `createIfNotExists` (two ingests
// racing create it once); patches only `set`/`unset` machine fields, so the
// later ingest's values win and editor fields are never touched. What stays
// best-effort under two concurrent ingests is the matching of the same story
// reached through another source by link or guid (`alsoSeenIn`): each run
// plans from what it read, so both may add the item before either sees the
// other's copy. Run one ingest at a time (a scheduler, not a lock, ensures it).

export const SANITY_STORE_API_VERSION = '2025-02-19';

export type SanityStoreConfig = {
  projectId: string;
  dataset: string;
  /** A token with write access (Editor or a robot token). */
  token: string;
  /** Another API origin (tests); default `https://<projectId>.api.sanity.io`. */
  apiHost?: string;
  /** Mutations per transaction; Sanity takes large ones, but small ones fail and retry cheaply. */
  maxMutationsPerTransaction?: number;
  /** Serialized size cap per transaction (bytes), so a batch of long articles stays well under the API's request limit. */
  maxTransactionBytes?: number;
  /** Attempts per transaction on 429/5xx/network errors, the first included. */
  maxAttempts?: number;
  /** First backoff delay; doubled each retry (a server's Retry-After wins when longer). */
  retryBaseMs?: number;
  /** News items read per query page. */
  readPageSize?: number;
  sleep?: (ms: number) => Promise<void>;
};

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type HttpError = { statusCode?: number; response?: { headers?: Record<string, string> }; message?: string; code?: string };

/** Rate limits, server errors and dropped connections are worth another try; a 4xx is our bug or bad data. */
export function isRetryable(error: unknown): boolean {
  const status = (error as HttpError)?.statusCode;
  if (typeof status === 'number') return status === 429 || status >= 500;
  return true;
}

function retryAfterMs(error: unknown): number {
  const header = (error as HttpError)?.response?.headers?.['retry-after'];
  const seconds = header === undefined ? NaN : Number(header);
  return Number.isFinite(seconds) ? seconds * 1000 : 0;
}

/** Splits the plan, in order, into transactions of at most `maxCount` mutations and about `maxBytes` bytes. */
export function chunkMutations(mutations: readonly Mutation[], maxCount: number, maxBytes: number): Mutation[][] {
  const chunks: Mutation[][] = [];
  let current: Mutation[] = [];
  let bytes = 0;
  for (const mutation of mutations) {
    const size = Buffer.byteLength(JSON.stringify(mutation));
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(mutation);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function openSanityStore(config: SanityStoreConfig): DatasetStore {
  const maxCount = config.maxMutationsPerTransaction ?? 200;
  const maxBytes = config.maxTransactionBytes ?? 2_000_000;
  const maxAttempts = config.maxAttempts ?? 6;
  const baseMs = config.retryBaseMs ?? 500;
  const pageSize = config.readPageSize ?? 2000;
  const sleep = config.sleep ?? sleepFor;
  const location = `sanity:${config.projectId}/${config.dataset}`;
  const client: SanityClient = createClient({
    projectId: config.projectId,
    dataset: config.dataset,
    apiVersion: SANITY_STORE_API_VERSION,
    token: config.token,
    useCdn: false,
    // The pipeline owns published documents; editors' drafts are theirs.
    perspective: 'published',
    // Retries are ours (below), with the backoff and limits this store documents.
    maxRetries: 0,
    ...(config.apiHost ? { apiHost: config.apiHost, useProjectHostname: false } : {}),
  });

  async function withRetry<T>(what: string, run: () => Promise<T>): Promise<Result<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return ok(await run());
      } catch (error) {
        const status = (error as HttpError).statusCode;
        const reason = `${status ?? (error as HttpError).code ?? 'network'}: ${(error as Error).message}`;
        if (!isRetryable(error)) return fail('sanity_rejected', `${location}: ${what} rejected (${reason})`);
        if (attempt >= maxAttempts) return fail('sanity_unavailable', `${location}: ${what} failed after ${attempt} attempts (${reason})`);
        await sleep(Math.max(baseMs * 2 ** (attempt - 1), retryAfterMs(error)));
      }
    }
  }

  return {
    location,
    async read() {
      const documents = new Map<string, DatasetDocument>();
      const base = await withRetry('reading sources, taxonomy and pages', () => client.fetch<DatasetDocument[]>(storeWholeDocumentsQuery));
      if (!base.ok) return base;
      for (const document of base.value) documents.set(document._id, document);
      for (let after = ''; ; ) {
        const page = await withRetry('reading news items', () =>
          client.fetch<DatasetDocument[]>(storeNewsItemPageQuery, { after, limit: pageSize }),
        );
        if (!page.ok) return page;
        for (const document of page.value) documents.set(document._id, withoutNulls(document));
        if (page.value.length < pageSize) break;
        after = page.value.at(-1)!._id;
      }
      return ok(documents);
    },
    // Sanity has no lock: two ingests may plan against the same state. Their
    // creates still meet on one document, because item ids are deterministic
    // (hashed from the identity key) and written with createIfNotExists; only
    // a cross-source match by link can miss an item the other run is creating.
    async transaction(plan) {
      const current = await this.read();
      if (!current.ok) return current;
      const planned = await plan(current.value);
      const committed = await this.commit(planned.mutations);
      return committed.ok ? ok({ documents: committed.value.documents, result: planned.result }) : committed;
    },
    async commit(mutations) {
      // Each transaction is atomic; across transactions the plan is idempotent
      // (createIfNotExists, then set/unset), so a failed run is repaired by the next one.
      const chunks = chunkMutations(mutations, maxCount, maxBytes);
      for (const [index, chunk] of chunks.entries()) {
        const sent = await withRetry(`transaction ${index + 1}/${chunks.length}`, () =>
          client.mutate(chunk as Parameters<SanityClient['mutate']>[0], { returnDocuments: false, visibility: 'sync' }),
        );
        if (!sent.ok) return sent;
      }
      const counted = await withRetry('counting documents', () => client.fetch<number>(storeDocumentCountQuery));
      return counted.ok ? ok({ documents: counted.value }) : counted;
    },
  };
}

/** A projection returns absent fields as null; the planner treats a present field as "once set". */
function withoutNulls(document: DatasetDocument): DatasetDocument {
  return Object.fromEntries(Object.entries(document).filter(([, value]) => value !== null)) as DatasetDocument;
}

type Env = Record<string, string | undefined>;

export type SanityStoreChoice =
  | { kind: 'local' }
  | { kind: 'sanity'; config: SanityStoreConfig }
  | { kind: 'misconfigured'; code: 'sanity_write_token_missing'; message: string };

/**
 * Where an ingest writes, from the environment: Sanity when SANITY_PROJECT_ID,
 * SANITY_DATASET and SANITY_WRITE_TOKEN are set; the local dataset when no
 * Sanity project is configured. Only SANITY_WRITE_TOKEN counts: the site's
 * SANITY_API_TOKEN is a Viewer token, and an ingest holding it would read
 * Sanity and then fail on its first write. A Sanity project without a write
 * token is an error, not a silent fallback to the local file (the site would
 * read Sanity while the ingest wrote somewhere else).
 */
export function sanityStoreChoiceFromEnv(env: Env = process.env): SanityStoreChoice {
  const read = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const projectId = read('SANITY_PROJECT_ID');
  const dataset = read('SANITY_DATASET');
  if (!projectId || !dataset) return { kind: 'local' };
  const token = read('SANITY_WRITE_TOKEN');
  if (!token) {
    return {
      kind: 'misconfigured',
      code: 'sanity_write_token_missing',
      message: `SANITY_PROJECT_ID and SANITY_DATASET point the ingest at Sanity (${projectId}/${dataset}) but SANITY_WRITE_TOKEN is not set: set it to an Editor token, or unset SANITY_PROJECT_ID to ingest into the local dataset`,
    };
  }
  const apiHost = read('SANITY_API_HOST');
  return { kind: 'sanity', config: { projectId, dataset, token, ...(apiHost ? { apiHost } : {}) } };
}

/** A store that only reports why it cannot be used: the ingest stops with that error (exit 2) before fetching anything. */
export function unusableStore(location: string, code: string, message: string): DatasetStore {
  return {
    location,
    read: async () => fail(code, message),
    transaction: async () => fail(code, message),
    commit: async () => fail(code, message),
  };
}
