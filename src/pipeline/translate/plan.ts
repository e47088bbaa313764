import { LANGUAGES, type Language } from '../model.ts';
import type { DatasetDocument } from '../store/documents.ts';
import type { Mutation } from '../store/mutations.ts';
import { sourceHash, TARGET_LANGUAGES, type MachineTranslation, type TargetLanguage } from './model.ts';

// Which stored items need a machine translation, and the patches that store
// one: pure functions of the dataset.

/** One item's title and summary to translate into one language. */
export type TranslationJob = {
  id: string;
  source: Language;
  target: TargetLanguage;
  title: string;
  summary: string;
  sourceHash: string;
};

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/** Shown on the site (queries.ts VISIBLE_ITEM_FILTER): approved, or undecided and tagged as health news. */
export function isShownItem(document: DatasetDocument): boolean {
  if (document._type !== 'newsItem' || document.health === false) return false;
  const status = document.reviewStatus ?? 'new';
  return status === 'approved' || (status === 'new' && document.health === true);
}

const editorTitle = (document: DatasetDocument, target: TargetLanguage): string => {
  const translations = document.translations as Record<string, { title?: unknown } | null | undefined> | undefined;
  return text(translations?.[target]?.title);
};

const storedTranslations = (document: DatasetDocument): Partial<Record<TargetLanguage, MachineTranslation>> =>
  document.machineTranslations !== null && typeof document.machineTranslations === 'object'
    ? (document.machineTranslations as Partial<Record<TargetLanguage, MachineTranslation>>)
    : {};

/** The hash the item's original has now, or null when it has no language to translate from. */
export function currentSourceHash(document: DatasetDocument): string | null {
  return isLanguage(document.language) ? sourceHash(document.language, text(document.title), text(document.summary)) : null;
}

/**
 * Jobs for shown items, newest first: each site language that is not the
 * item's own, has no editor's title, and has no machine translation of the
 * original as it is now. `only` restricts to those item ids.
 */
export function planTranslationJobs(documents: ReadonlyMap<string, DatasetDocument>, only?: ReadonlySet<string>): TranslationJob[] {
  const items = [...documents.values()]
    .filter((document) => isShownItem(document) && (only === undefined || only.has(document._id)))
    .sort((a, b) => {
      const left = String(a.publishedAt ?? a.firstSeenAt ?? '');
      const right = String(b.publishedAt ?? b.firstSeenAt ?? '');
      return left < right ? 1 : left > right ? -1 : a._id < b._id ? -1 : 1;
    });
  const jobs: TranslationJob[] = [];
  for (const document of items) {
    const hash = currentSourceHash(document);
    const title = text(document.title);
    if (hash === null || title === '' || !isLanguage(document.language)) continue;
    const stored = storedTranslations(document);
    for (const target of TARGET_LANGUAGES) {
      if (target === document.language || editorTitle(document, target) !== '') continue;
      if (stored[target]?.sourceHash === hash) continue;
      jobs.push({ id: document._id, source: document.language, target, title, summary: text(document.summary), sourceHash: hash });
    }
  }
  return jobs;
}

/**
 * The patches that store finished translations, planned against the dataset
 * as it is at commit time: a translation of an original that changed in the
 * meantime is dropped (the next run redoes it); the other language's machine
 * translation is kept.
 */
export function planTranslationMutations(
  documents: ReadonlyMap<string, DatasetDocument>,
  done: ReadonlyMap<string, Partial<Record<TargetLanguage, MachineTranslation>>>,
): Mutation[] {
  const mutations: Mutation[] = [];
  for (const [id, translations] of done) {
    const document = documents.get(id);
    if (document === undefined) continue;
    const hash = currentSourceHash(document);
    const fresh = Object.entries(translations).filter(([, translation]) => translation.sourceHash === hash);
    if (fresh.length === 0) continue;
    mutations.push({ patch: { id, set: { machineTranslations: { ...storedTranslations(document), ...Object.fromEntries(fresh) } } } });
  }
  return mutations;
}

/**
 * The machine translations that still match an item's new original (an
 * ingest that changes the title or summary drops the others at once, so the
 * site never shows a translation of an older headline); `undefined` when none is left.
 */
export function keepFreshTranslations(stored: unknown, language: string, title: string, summary: string): Record<string, unknown> | undefined {
  if (stored === null || typeof stored !== 'object') return undefined;
  const hash = sourceHash(language, title.trim(), summary.trim());
  const kept = Object.entries(stored as Record<string, { sourceHash?: unknown }>).filter(([, value]) => value?.sourceHash === hash);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
