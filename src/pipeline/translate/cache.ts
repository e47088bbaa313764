import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { Language } from '../model.ts';
import type { ProviderId, TargetLanguage } from './model.ts';

// Every text a provider translated, by provider, language pair and text, in
// the data folder (`translation-cache.json`): the same text is never paid for
// twice, across runs and across items (two sources with the same headline).
// Written atomically after the provider answered and before the dataset is
// written, so a failed commit does not lose what was paid for.

export const CACHE_FILE = 'translation-cache.json';

const fileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });

export type TranslationCache = {
  get(provider: ProviderId, source: Language, target: TargetLanguage, text: string): string | undefined;
  set(provider: ProviderId, source: Language, target: TargetLanguage, text: string, translated: string): void;
  readonly size: number;
  /** Writes the cache when it changed; returns an error message when it could not. */
  save(): Promise<string | null>;
};

const keyOf = (provider: string, source: string, target: string, text: string): string =>
  createHash('sha256').update(JSON.stringify([provider, source, target, text])).digest('hex').slice(0, 32);

/** The cache in `directory`; a missing or unreadable file is an empty cache (it only saves money, it holds nothing else). */
export async function openTranslationCache(directory: string): Promise<TranslationCache> {
  const file = path.join(directory, CACHE_FILE);
  let entries: Record<string, string> = {};
  try {
    const parsed = fileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) entries = parsed.data.entries;
  } catch {
    entries = {};
  }
  let changed = false;
  return {
    get: (provider, source, target, text) => entries[keyOf(provider, source, target, text)],
    set(provider, source, target, text, translated) {
      entries[keyOf(provider, source, target, text)] = translated;
      changed = true;
    },
    get size() {
      return Object.keys(entries).length;
    },
    async save() {
      if (!changed) return null;
      try {
        await mkdir(directory, { recursive: true });
        await writeFileAtomic(file, `${JSON.stringify({ version: 1, entries })}\n`, { encoding: 'utf8' });
        changed = false;
        return null;
      } catch (error) {
        return `${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
      }
    },
  };
}
