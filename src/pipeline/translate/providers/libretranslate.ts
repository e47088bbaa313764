import { z } from 'zod';
import { fail, ok, type Language } from '../../model.ts';
import type { TargetLanguage, TranslationProvider } from '../model.ts';
import { errorDetail, requestJson, type HttpOptions } from './http.ts';

// LibreTranslate, POST /translate (https://libretranslate.com/docs): JSON
// `{"q": "..." | [...], "source": "ru", "target": "en", "format": "text", "api_key": "..."}`;
// the answer is `{"translatedText": "..."}`, or an array in the order of `q`
// when `q` is one. GET /languages lists `[{"code", "name", "targets": [...]}]`.
// Errors: 400 bad request, 403 banned or bad API key, 429 slow down,
// 500 translation failed; the body is `{"error": "..."}`. Self-hosted
// instances set their own limits (`--char-limit`, `--req-limit`).

const translateSchema = z.object({ translatedText: z.union([z.string(), z.array(z.string())]) });
const languagesSchema = z.array(z.object({ code: z.string(), targets: z.array(z.string()).optional() }));

export type LibreTranslateConfig = {
  baseUrl: string;
  apiKey?: string;
  /** Characters per request at most: the instance's `--char-limit` (default 5000). */
  charLimit?: number;
  http: HttpOptions;
};

export function createLibreTranslateProvider(config: LibreTranslateConfig): TranslationProvider {
  const base = config.baseUrl.replace(/\/+$/, '');
  let pairs: Promise<Map<string, Set<string>> | null> | null = null;
  /** The instance's language pairs, asked once; null when /languages did not answer (then every pair is tried). */
  const languagePairs = () =>
    (pairs ??= requestJson(`${base}/languages`, { method: 'GET', headers: { accept: 'application/json' } }, config.http).then((sent) => {
      if (!sent.ok || sent.value.status !== 200) return null;
      const parsed = languagesSchema.safeParse(sent.value.body);
      if (!parsed.success) return null;
      return new Map(parsed.data.map((language) => [language.code, new Set(language.targets ?? parsed.data.map((other) => other.code))]));
    }));
  return {
    id: 'libretranslate',
    label: 'LibreTranslate',
    maxBatchTexts: 25,
    // Instances cap a request's characters (`--char-limit`); LIBRETRANSLATE_CHAR_LIMIT says what this one allows.
    maxBatchChars: config.charLimit ?? 5_000,
    async supports(source: Language, target: TargetLanguage) {
      if (source === target) return false;
      const known = await languagePairs();
      return known === null || (known.get(source)?.has(target) ?? false);
    },
    async translate({ texts, source, target }) {
      const endpoint = `${base}/translate`;
      const sent = await requestJson(
        endpoint,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ q: texts, source, target, format: 'text', ...(config.apiKey ? { api_key: config.apiKey } : {}) }),
        },
        config.http,
      );
      if (!sent.ok) return sent;
      const response = sent.value;
      const where = `LibreTranslate ${endpoint}`;
      if (response.status !== 200) {
        const detail = errorDetail(response, 'error');
        const code =
          response.status === 429
            ? 'translate_rate_limited'
            : response.status === 403
              ? 'translate_auth'
              : response.status === 400 && /limit/i.test(detail)
                ? 'translate_too_large'
                : response.status === 400 && /not supported|language/i.test(detail)
                  ? 'translate_unsupported'
                  : 'translate_http';
        return { ok: false, error: { code, message: `${where}: HTTP ${response.status} ${detail}`, httpStatus: response.status } };
      }
      const parsed = translateSchema.safeParse(response.body);
      const out = parsed.success ? (Array.isArray(parsed.data.translatedText) ? parsed.data.translatedText : [parsed.data.translatedText]) : null;
      if (out === null || out.length !== texts.length) {
        return fail('translate_bad_response', `${where}: expected {"translatedText": [${texts.length} strings]}, got ${response.text.slice(0, 120)}`);
      }
      return ok(out);
    },
  };
}
