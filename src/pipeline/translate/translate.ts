import type { DatasetStore } from '../store/local.ts';
import type { TranslationCache } from './cache.ts';
import type { MachineTranslation, TargetLanguage, TranslationProvider, TranslationReport } from './model.ts';
import { planTranslationJobs, planTranslationMutations, type TranslationJob } from './plan.ts';

// One translation run: the jobs the dataset needs, answered from the cache
// or sent to the provider in batches within a character budget, then stored
// in one transaction. The provider is asked one request at a time; the
// first failure that is not "this language pair is not offered" stops the
// asking, and everything not yet translated waits for the next run.

export type TranslateOptions = {
  budget: number;
  now?: () => Date;
  dryRun?: boolean;
  only?: ReadonlySet<string>;
};

type Done = Map<string, Partial<Record<TargetLanguage, MachineTranslation>>>;

/** Texts of a job that the cache does not have. */
const uncached = (job: TranslationJob, provider: TranslationProvider, cache: TranslationCache): string[] =>
  [job.title, job.summary].filter((text) => text !== '' && cache.get(provider.id, job.source, job.target, text) === undefined);

/** Translates the jobs; pure but for the provider and the cache it is given. */
export async function translateJobs(
  jobs: readonly TranslationJob[],
  provider: TranslationProvider,
  cache: TranslationCache,
  options: TranslateOptions,
): Promise<{ done: Done; report: TranslationReport }> {
  const now = (options.now ?? (() => new Date()))().toISOString();
  const report: TranslationReport = {
    provider: provider.id,
    needed: jobs.length,
    translated: 0,
    cachedTexts: 0,
    characters: 0,
    budget: options.budget,
    deferred: 0,
    unsupported: 0,
  };
  const done: Done = new Map();
  const finish = (job: TranslationJob) => {
    const get = (text: string) => (text === '' ? '' : cache.get(provider.id, job.source, job.target, text));
    const title = get(job.title);
    const summary = get(job.summary);
    if (title === undefined || summary === undefined) return;
    const entry = done.get(job.id) ?? {};
    entry[job.target] = { _type: 'machineTranslation', title, summary, provider: provider.id, at: now, sourceHash: job.sourceHash };
    done.set(job.id, entry);
    report.translated++;
  };

  // Jobs by language pair, each pair newest first, so a batch is one request.
  const pairs = new Map<string, TranslationJob[]>();
  for (const job of jobs) {
    const key = `${job.source}>${job.target}`;
    const list = pairs.get(key);
    if (list) list.push(job);
    else pairs.set(key, [job]);
  }
  let spent = 0;
  let stopped = false;
  for (const pairJobs of pairs.values()) {
    const { source, target } = pairJobs[0]!;
    if (stopped) {
      report.deferred += pairJobs.length;
      continue;
    }
    if (!(await provider.supports(source, target))) {
      report.unsupported += pairJobs.length;
      continue;
    }
    const queue = [...pairJobs];
    while (queue.length > 0 && !stopped) {
      // A batch: whole jobs (title and summary together) up to the provider's limits and the budget left.
      const batch: TranslationJob[] = [];
      const texts: string[] = [];
      let chars = 0;
      while (queue.length > 0) {
        const job = queue[0]!;
        const missing = uncached(job, provider, cache);
        const cached = [job.title, job.summary].filter((text) => text !== '').length - missing.length;
        // A text already in this batch (two items with one headline) is sent once.
        const toSend = missing.filter((text) => !texts.includes(text));
        const cost = toSend.reduce((sum, text) => sum + text.length, 0);
        if (missing.length === 0) {
          queue.shift();
          report.cachedTexts += cached;
          finish(job);
          continue;
        }
        if (spent + chars + cost > options.budget) {
          queue.shift();
          report.deferred++;
          continue;
        }
        if (batch.length > 0 && (texts.length + toSend.length > provider.maxBatchTexts || chars + cost > provider.maxBatchChars)) break;
        queue.shift();
        batch.push(job);
        texts.push(...toSend);
        chars += cost;
        report.cachedTexts += cached;
      }
      if (batch.length === 0) continue;
      if (options.dryRun) {
        // What a real run would send: counted, not sent.
        spent += chars;
        report.characters += chars;
        continue;
      }
      const answer = await provider.translate({ texts, source, target });
      if (!answer.ok) {
        if (answer.error.code === 'translate_unsupported') {
          report.unsupported += batch.length + queue.length;
          queue.length = 0;
          continue;
        }
        report.error = answer.error;
        report.deferred += batch.length + queue.length;
        stopped = true;
        break;
      }
      answer.value.forEach((translated, index) => cache.set(provider.id, source, target, texts[index]!, translated));
      spent += chars;
      report.characters += chars;
      for (const job of batch) finish(job);
    }
  }
  return { done, report };
}

/**
 * `npm run translate` and the step an ingest runs after storing: plan over
 * the stored dataset, translate, save the cache, then store the translations
 * in one transaction (re-checked against the originals as they are then).
 */
export async function translateStore(
  store: DatasetStore,
  provider: TranslationProvider,
  cache: TranslationCache,
  options: TranslateOptions,
): Promise<TranslationReport & { storeError?: { code: string; message: string }; written: number }> {
  const documents = await store.read();
  if (!documents.ok) {
    return { provider: provider.id, needed: 0, translated: 0, cachedTexts: 0, characters: 0, budget: options.budget, deferred: 0, unsupported: 0, written: 0, storeError: documents.error };
  }
  const { done, report } = await translateJobs(planTranslationJobs(documents.value, options.only), provider, cache, options);
  const cacheError = await cache.save();
  const withCacheError = cacheError === null || report.error ? report : { ...report, error: { code: 'translate_cache_unwritable', message: cacheError } };
  if (options.dryRun || done.size === 0) return { ...withCacheError, written: 0 };
  const committed = await store.transaction((snapshot) => {
    const mutations = planTranslationMutations(snapshot, done);
    return { mutations, result: mutations.length };
  });
  if (!committed.ok) return { ...withCacheError, written: 0, storeError: committed.error };
  return { ...withCacheError, written: committed.value.result };
}
