import { z } from 'zod';
import { describeZodError } from '../../lib/schemaErrors.ts';
import { fail, ok, type Result } from '../model.ts';
import type { TranslationProvider } from './model.ts';
import { createDeeplProvider } from './providers/deepl.ts';
import { DEFAULT_HTTP_OPTIONS, type HttpOptions } from './providers/http.ts';
import { createLibreTranslateProvider } from './providers/libretranslate.ts';

// The translation provider comes from the environment. Nothing set: no
// provider, and the ingest and the site are as they are without one.
//
//   MEDCLUSTERS_TRANSLATION_PROVIDER  deepl | libretranslate | none (default: deepl when
//                                     DEEPL_AUTH_KEY is set, else libretranslate when
//                                     LIBRETRANSLATE_URL is set, else none)
//   DEEPL_AUTH_KEY                    the DeepL API key (a key ending in :fx is a free-plan key)
//   DEEPL_API_URL                     another DeepL host (default api.deepl.com, or api-free.deepl.com for :fx keys)
//   LIBRETRANSLATE_URL                the LibreTranslate instance, e.g. http://127.0.0.1:5000
//   LIBRETRANSLATE_API_KEY            its API key, when the instance asks for one
//   LIBRETRANSLATE_CHAR_LIMIT         characters per request the instance allows (its --char-limit; default 5000)
//   MEDCLUSTERS_TRANSLATION_BUDGET    characters sent to the provider per run at most (default 100000)
//   MEDCLUSTERS_TRANSLATION_TIMEOUT_MS  per request (default 20000)

export const DEFAULT_BUDGET = 100_000;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' });
const envSchema = z.object({
  MEDCLUSTERS_TRANSLATION_PROVIDER: z.enum(['deepl', 'libretranslate', 'none']).optional(),
  DEEPL_AUTH_KEY: z.string().trim().min(1).optional(),
  DEEPL_API_URL: httpUrl.optional(),
  LIBRETRANSLATE_URL: httpUrl.optional(),
  LIBRETRANSLATE_API_KEY: z.string().trim().min(1).optional(),
  LIBRETRANSLATE_CHAR_LIMIT: z.coerce.number().int().min(1).optional(),
  MEDCLUSTERS_TRANSLATION_BUDGET: z.coerce.number().int().min(0).optional(),
  MEDCLUSTERS_TRANSLATION_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
});

export type TranslationSetup = { provider: TranslationProvider; budget: number };

const blankToUndefined = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value === undefined || value.trim() === '' ? undefined : value]));

/** The configured provider and budget; `null` when none is configured; an error naming the variable when one is wrong. */
export function translationSetupFromEnv(
  env: Record<string, string | undefined> = process.env,
  http: Partial<HttpOptions> = {},
): Result<TranslationSetup | null> {
  const parsed = envSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) return fail('translation_config', describeZodError(parsed.error, 'environment'));
  const values = parsed.data;
  const choice = values.MEDCLUSTERS_TRANSLATION_PROVIDER ?? (values.DEEPL_AUTH_KEY ? 'deepl' : values.LIBRETRANSLATE_URL ? 'libretranslate' : 'none');
  const options: HttpOptions = {
    ...DEFAULT_HTTP_OPTIONS,
    ...(values.MEDCLUSTERS_TRANSLATION_TIMEOUT_MS ? { timeoutMs: values.MEDCLUSTERS_TRANSLATION_TIMEOUT_MS } : {}),
    ...http,
  };
  const budget = values.MEDCLUSTERS_TRANSLATION_BUDGET ?? DEFAULT_BUDGET;
  if (choice === 'none') return ok(null);
  if (choice === 'deepl') {
    if (!values.DEEPL_AUTH_KEY) return fail('translation_config', 'environment: DEEPL_AUTH_KEY: needed for the DeepL provider');
    return ok({ provider: createDeeplProvider({ authKey: values.DEEPL_AUTH_KEY, ...(values.DEEPL_API_URL ? { baseUrl: values.DEEPL_API_URL } : {}), http: options }), budget });
  }
  if (!values.LIBRETRANSLATE_URL) return fail('translation_config', 'environment: LIBRETRANSLATE_URL: needed for the LibreTranslate provider');
  return ok({
    provider: createLibreTranslateProvider({
      baseUrl: values.LIBRETRANSLATE_URL,
      ...(values.LIBRETRANSLATE_API_KEY ? { apiKey: values.LIBRETRANSLATE_API_KEY } : {}),
      ...(values.LIBRETRANSLATE_CHAR_LIMIT ? { charLimit: values.LIBRETRANSLATE_CHAR_LIMIT } : {}),
      http: options,
    }),
    budget,
  });
}
