import { createHash } from 'node:crypto';
import type { Language, Result, StageError } from '../model.ts';

// Values of the translate stage: what a provider is asked, what it answers,
// and what one run reports. A provider failure is a value (`StageError` with
// a stable code), never an exception that stops an ingest.

/** The site's languages: what machine translations are made into. */
export const TARGET_LANGUAGES = ['en', 'ru'] as const;
export type TargetLanguage = (typeof TARGET_LANGUAGES)[number];

export type ProviderId = 'deepl' | 'libretranslate';

/** One request to a provider: texts of one language into another, answered in the same order. */
export type TranslateRequest = { texts: readonly string[]; source: Language; target: TargetLanguage };

/**
 * Stable error codes of the translate stage:
 * - `translate_rate_limited` (429/529 after retries), `translate_quota_exceeded` (DeepL 456): the run stops
 *   asking the provider and keeps what it has;
 * - `translate_too_large` (DeepL 413, LibreTranslate's character limit per request): likewise;
 * - `translate_auth` (403), `translate_timeout`, `translate_network`, `translate_http` (any other status),
 *   `translate_bad_response` (not the documented shape): likewise stop, reported;
 * - `translate_unsupported`: the provider has no such language pair (that item's target is skipped).
 */
export type TranslateError = StageError & { httpStatus?: number };

export type TranslationProvider = {
  readonly id: ProviderId;
  /** The name shown next to a machine translation ("DeepL", "LibreTranslate"). */
  readonly label: string;
  /** Largest batch the provider takes in one request: texts and characters. */
  readonly maxBatchTexts: number;
  readonly maxBatchChars: number;
  /** Whether the provider translates `source` into `target` (may ask the provider once per run). */
  supports(source: Language, target: TargetLanguage): Promise<boolean>;
  translate(request: TranslateRequest): Promise<Result<string[]>>;
};

/** A machine translation as stored on a `newsItem` (`machineTranslations.en`, `.ru`). */
export type MachineTranslation = {
  _type: 'machineTranslation';
  title: string;
  summary: string;
  /** Provider id: `deepl` or `libretranslate`. */
  provider: ProviderId;
  at: string;
  /** `sourceHash()` of the original it was made from: a changed original makes it stale. */
  sourceHash: string;
};

/** Hash of the original a translation is made from: its language, title and summary. */
export function sourceHash(language: string, title: string, summary: string): string {
  return createHash('sha256').update(JSON.stringify([language, title, summary])).digest('hex').slice(0, 24);
}

export type TranslationReport = {
  provider: ProviderId;
  /** Item × target language pairs that needed a translation. */
  needed: number;
  /** Pairs translated and stored in this run. */
  translated: number;
  /** Texts answered from the cache (never paid for twice). */
  cachedTexts: number;
  /** Characters sent to the provider. */
  characters: number;
  /** The run's character budget. */
  budget: number;
  /** Pairs left for a later run: the budget ran out, or the provider failed before them. */
  deferred: number;
  /** Pairs the provider cannot translate (language pair not offered). */
  unsupported: number;
  /** The failure that stopped asking the provider, if any. */
  error?: TranslateError;
};
