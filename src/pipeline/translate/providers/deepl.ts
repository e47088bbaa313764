import { z } from 'zod';
import { fail, ok, type Language } from '../../model.ts';
import type { TargetLanguage, TranslationProvider } from '../model.ts';
import { errorDetail, requestJson, type HttpOptions } from './http.ts';

// DeepL API v2, POST /v2/translate (https://developers.deepl.com/docs/api-reference/translate):
// JSON `{"text": [...], "source_lang": "RU", "target_lang": "EN-GB"}` with
// `Authorization: DeepL-Auth-Key <key>`; the answer is
// `{"translations": [{"detected_source_language": "RU", "text": "..."}]}` in
// the order of `text`. At most 50 texts and 128 KiB per request. Errors:
// 403 bad key, 413 request too large, 429 and 529 too many requests,
// 456 quota exceeded, 5xx; the body is `{"message": "..."}`.
// Free-plan keys end in `:fx` and go to api-free.deepl.com.

export const DEEPL_PRO_URL = 'https://api.deepl.com';
export const DEEPL_FREE_URL = 'https://api-free.deepl.com';

/** DeepL translates from Russian, English and Ukrainian; Belarusian is not among its languages. */
const SOURCES: Readonly<Partial<Record<Language, string>>> = { ru: 'RU', en: 'EN', uk: 'UK' };
/** Plain `EN` as a target is deprecated by DeepL: the site writes British English. */
const TARGETS: Readonly<Record<TargetLanguage, string>> = { en: 'EN-GB', ru: 'RU' };

const responseSchema = z.object({
  translations: z.array(z.object({ text: z.string(), detected_source_language: z.string().optional() })),
});

export type DeeplConfig = { authKey: string; baseUrl?: string; http: HttpOptions };

export const deeplBaseUrl = (authKey: string): string => (authKey.endsWith(':fx') ? DEEPL_FREE_URL : DEEPL_PRO_URL);

export function createDeeplProvider(config: DeeplConfig): TranslationProvider {
  const endpoint = `${(config.baseUrl ?? deeplBaseUrl(config.authKey)).replace(/\/+$/, '')}/v2/translate`;
  return {
    id: 'deepl',
    label: 'DeepL',
    maxBatchTexts: 50,
    // Well under 128 KiB of JSON even when every character takes 2 bytes and escapes.
    maxBatchChars: 30_000,
    supports: async (source, target) => SOURCES[source] !== undefined && source !== target,
    async translate({ texts, source, target }) {
      const sourceLang = SOURCES[source];
      if (sourceLang === undefined) return fail('translate_unsupported', `DeepL does not translate from "${source}"`);
      const sent = await requestJson(
        endpoint,
        {
          method: 'POST',
          headers: { authorization: `DeepL-Auth-Key ${config.authKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text: texts, source_lang: sourceLang, target_lang: TARGETS[target] }),
        },
        config.http,
      );
      if (!sent.ok) return sent;
      const response = sent.value;
      const where = `DeepL ${endpoint}`;
      if (response.status !== 200) {
        const detail = errorDetail(response, 'message');
        const code =
          response.status === 456
            ? 'translate_quota_exceeded'
            : response.status === 429 || response.status === 529
              ? 'translate_rate_limited'
              : response.status === 403 || response.status === 401
                ? 'translate_auth'
                : response.status === 413
                  ? 'translate_too_large'
                  : 'translate_http';
        return { ok: false, error: { code, message: `${where}: HTTP ${response.status} ${detail}`, httpStatus: response.status } };
      }
      const parsed = responseSchema.safeParse(response.body);
      if (!parsed.success || parsed.data.translations.length !== texts.length) {
        return fail('translate_bad_response', `${where}: expected {"translations": [${texts.length} × {"text"}]}, got ${response.text.slice(0, 120)}`);
      }
      return ok(parsed.data.translations.map((entry) => entry.text));
    },
  };
}
