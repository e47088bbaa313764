import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { isDraftId } from '../lib/content/perspective.ts';
import { fail, ok, type Result } from '../pipeline/model.ts';
import { NEWS_ITEM_MACHINE_FIELDS, sourceStateSchema, type DatasetDocument } from '../pipeline/store/documents.ts';
import { DATASET_FILE, openLocalStore, type DatasetStore } from '../pipeline/store/local.ts';
import type { Mutation } from '../pipeline/store/mutations.ts';
import { applyStudioMutations, type Change, type StudioDocument, type StudioMutation } from './mutations.ts';

// The local API's documents: the published ones are the dataset file, read and
// written through the same store, transaction and lock as the ingest; drafts
// (`drafts.<id>`) live beside it in their own file, so the dataset stays the
// published view the site and the ingest read.

export const DRAFTS_FILE = 'studio-drafts.ndjson';

/**
 * A transaction's mutations, or how to plan them from the documents as they are
 * when the transaction runs (Sanity's actions: a publish copies the draft as it
 * is then, not as an earlier read saw it).
 */
export type PlannedMutations = readonly StudioMutation[] | ((documents: ReadonlyMap<string, StudioDocument>) => Result<readonly StudioMutation[]>);

export type DatasetChange = { transactionId: string; timestamp: string; mutations: readonly StudioMutation[]; changes: Change[] };

export type LocalDataset = {
  readonly location: string;
  /** Every document (published and drafts) with `_rev`, `_createdAt` and `_updatedAt`, re-read when the dataset file changed. */
  documents(): Promise<Result<ReadonlyMap<string, StudioDocument>>>;
  /** One transaction: published documents under the store's lock, drafts in their file. */
  mutate(mutations: PlannedMutations, transactionId: string): Promise<Result<DatasetChange>>;
  /** Called after each write, the studio's and (seen by polling the file) anyone else's, such as an ingest. */
  subscribe(listener: (change: DatasetChange) => void): () => void;
  close(): void;
};

const withoutRev = (document: StudioDocument): StudioDocument => {
  const { _rev: _ignored, ...rest } = document;
  return rest as StudioDocument;
};
// Keys sorted: the same document read back from the file (where the schema puts `_id` and `_type` first) has the same key.
const sortedKeys = (_key: string, value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value;
const contentKey = (document: StudioDocument): string => createHash('sha256').update(JSON.stringify(withoutRev(document), sortedKeys)).digest('base64url').slice(0, 22);

async function readDrafts(file: string): Promise<Result<Map<string, StudioDocument>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(new Map());
    return fail('drafts_unreadable', `${file}: ${(error as Error).message}`);
  }
  const drafts = new Map<string, StudioDocument>();
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      const document = JSON.parse(line) as StudioDocument;
      if (typeof document._id !== 'string' || !isDraftId(document._id)) throw new Error('not a draft');
      drafts.set(document._id, document);
    } catch (error) {
      return fail('drafts_invalid', `${file}:${index + 1}: ${(error as Error).message}`);
    }
  }
  return ok(drafts);
}

/** Fields only the ingest writes: read-only in the studio, so a document the studio writes keeps them as the dataset has them now. */
const MACHINE_FIELDS: Record<string, readonly string[]> = {
  newsItem: NEWS_ITEM_MACHINE_FIELDS,
  source: [...Object.keys(sourceStateSchema.shape), 'lastItemCount'],
};

/**
 * A publish replaces the whole document with the draft, which holds the
 * machine fields as they were when the draft was started: an ingest's newer
 * values would be lost (Sanity behaves so). Locally the write is planned under
 * the store's lock, so the published document keeps the machine fields the
 * dataset holds at that moment.
 */
function keepMachineFields(change: Change): void {
  if (isDraftId(change.id) || change.before === null || change.after === null) return;
  const fields = MACHINE_FIELDS[change.before._type];
  if (!fields) return;
  const after: StudioDocument = { ...change.after };
  for (const field of fields) {
    if (change.before[field] === undefined) delete after[field];
    else after[field] = change.before[field];
  }
  change.after = after;
}

export type LocalDatasetOptions = { pollMs?: number; now?: () => Date };

export function openLocalDataset(directory: string, options: LocalDatasetOptions = {}): LocalDataset {
  const store: DatasetStore = openLocalStore(directory);
  const datasetFile = path.resolve(directory, DATASET_FILE);
  const draftsFile = path.resolve(directory, DRAFTS_FILE);
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(change: DatasetChange) => void>();
  // A document's revision stays the same while its content does: the studio
  // compares revisions to know whether its copy is current.
  const revisions = new Map<string, { key: string; rev: string }>();
  let published = new Map<string, StudioDocument>();
  let drafts: Map<string, StudioDocument> | null = null;
  let signature = '';
  let fileTime = new Date(0).toISOString();
  let queue: Promise<unknown> = Promise.resolve();

  /** Adds what Sanity stamps on every document; ingested documents carry none of it. */
  const stamped = (document: DatasetDocument | StudioDocument, rev?: string): StudioDocument => {
    const base = withoutRev(document as StudioDocument);
    const key = contentKey(base);
    const known = revisions.get(base._id);
    const revision = rev ?? (known && known.key === key ? known.rev : key);
    revisions.set(base._id, { key, rev: revision });
    return { _createdAt: fileTime, _updatedAt: fileTime, ...base, _rev: revision };
  };

  const emit = (change: DatasetChange) => {
    for (const listener of listeners) listener(change);
  };

  /** Re-reads the dataset file when its size or time changed, and reports what someone else changed. */
  async function refresh(): Promise<Result<void>> {
    let current: string;
    try {
      const info = await stat(datasetFile);
      current = `${info.size}:${info.mtimeMs}`;
      fileTime = info.mtime.toISOString();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return fail('dataset_unreadable', `${datasetFile}: ${(error as Error).message}`);
      current = 'missing';
    }
    if (drafts === null) {
      const loaded = await readDrafts(draftsFile);
      if (!loaded.ok) return loaded;
      drafts = new Map([...loaded.value].map(([id, document]) => [id, stamped(document)]));
    }
    if (current === signature) return ok(undefined);
    const read = await store.read();
    if (!read.ok) return read;
    const first = signature === '';
    signature = current;
    const next = new Map([...read.value].map(([id, document]) => [id, stamped(document)]));
    const changes: Change[] = [];
    for (const [id, after] of next) {
      const before = published.get(id) ?? null;
      if (before?._rev !== after._rev) changes.push({ id, before, after });
    }
    for (const [id, before] of published) if (!next.has(id)) changes.push({ id, before, after: null });
    published = next;
    if (!first && changes.length > 0) {
      const transactionId = `file-${current.replace(/\W/g, '')}`;
      emit({
        transactionId,
        timestamp: now().toISOString(),
        mutations: changes.map((change) => (change.after ? { createOrReplace: change.after } : { delete: { id: change.id } })),
        changes,
      });
    }
    return ok(undefined);
  }

  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function writeDrafts(next: Map<string, StudioDocument>): Promise<Result<void>> {
    const lines = [...next.values()].sort((a, b) => (a._id < b._id ? -1 : 1)).map((document) => JSON.stringify(withoutRev(document)));
    try {
      await writeFileAtomic(draftsFile, lines.length > 0 ? `${lines.join('\n')}\n` : '', { encoding: 'utf8' });
      return ok(undefined);
    } catch (error) {
      return fail('drafts_unwritable', `${draftsFile}: ${(error as Error).message}`);
    }
  }

  async function mutate(planned: PlannedMutations, transactionId: string): Promise<Result<DatasetChange>> {
    const refreshed = await refresh();
    if (!refreshed.ok) return refreshed;
    // Planned in the same turn of the queue as the write: no other transaction can come between.
    const plan = typeof planned === 'function' ? planned(new Map<string, StudioDocument>([...published, ...(drafts ?? [])])) : ok(planned);
    if (!plan.ok) return plan;
    const mutations = plan.value;
    const timestamp = now().toISOString();
    const transaction = { id: transactionId, timestamp };
    const currentDrafts = drafts ?? new Map<string, StudioDocument>();
    const touchesPublished = mutations.some((mutation) => {
      const value = Object.values(mutation)[0] as { _id?: unknown; id?: unknown } | undefined;
      const id = value?._id ?? value?.id;
      return typeof id !== 'string' || !isDraftId(id);
    });
    let changes: Change[];
    if (touchesPublished) {
      // Planned under the store's lock against the file as it is now, so an ingest running meanwhile is never overwritten.
      const done = await store.transaction<Result<Change[]>>((snapshot) => {
        const all = new Map<string, StudioDocument>([...snapshot].map(([id, document]) => [id, stamped(document)]));
        for (const [id, draft] of currentDrafts) all.set(id, draft);
        const applied = applyStudioMutations(all, mutations, transaction);
        if (!applied.ok) return { mutations: [], result: applied };
        for (const change of applied.value) keepMachineFields(change);
        const planned: Mutation[] = applied.value
          .filter((change) => !isDraftId(change.id))
          .map((change) => (change.after === null ? { delete: { id: change.id } } : { createOrReplace: withoutRev(change.after) as DatasetDocument }));
        return { mutations: planned, result: applied };
      });
      if (!done.ok) return done;
      if (!done.value.result.ok) return done.value.result;
      changes = done.value.result.value;
    } else {
      const all = new Map<string, StudioDocument>([...published, ...currentDrafts]);
      const applied = applyStudioMutations(all, mutations, transaction);
      if (!applied.ok) return applied;
      changes = applied.value;
    }
    const nextDrafts = new Map(currentDrafts);
    let draftsChanged = false;
    for (const change of changes) {
      const after = change.after === null ? null : stamped(change.after, transactionId);
      change.after = after;
      const target = isDraftId(change.id) ? nextDrafts : published;
      if (isDraftId(change.id)) draftsChanged = true;
      if (after === null) target.delete(change.id);
      else target.set(change.id, after);
    }
    if (draftsChanged) {
      const written = await writeDrafts(nextDrafts);
      if (!written.ok) return written;
      drafts = nextDrafts;
    }
    // The next poll re-reads the file: our own documents come back with the revisions given here (same content),
    // so only what someone else wrote meanwhile is reported as theirs.
    const change: DatasetChange = { transactionId, timestamp, mutations, changes };
    emit(change);
    return ok(change);
  }

  const poll = setInterval(() => {
    if (listeners.size > 0) void serialized(refresh);
  }, options.pollMs ?? 1000);
  poll.unref();

  return {
    location: datasetFile,
    documents: () =>
      serialized(async () => {
        const refreshed = await refresh();
        if (!refreshed.ok) return refreshed;
        return ok(new Map<string, StudioDocument>([...published, ...(drafts ?? [])]));
      }),
    mutate: (mutations, transactionId) => serialized(() => mutate(mutations, transactionId)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => clearInterval(poll),
  };
}
