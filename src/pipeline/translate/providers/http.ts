import { fail, ok, type Result } from '../../model.ts';

// One JSON request to a translation API, with a timeout and polite retries:
// 429 (and DeepL's 529, "too many requests" under high load) and 503 are
// retried after Retry-After or a growing pause, a few times; everything else
// is answered at once. What the status means is the adapter's business.

export type HttpOptions = {
  timeoutMs: number;
  /** Attempts for a rate-limited request, the first included. */
  attempts: number;
  /** First pause between attempts; doubles each time, capped by `maxDelayMs`. */
  retryDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_HTTP_OPTIONS: HttpOptions = { timeoutMs: 20_000, attempts: 3, retryDelayMs: 1_000, maxDelayMs: 30_000 };

export type JsonResponse = { status: number; body: unknown; text: string };

const RETRIED = new Set([429, 503, 529]);

/** Seconds or an HTTP date, as Retry-After gives it; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function requestJson(
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  options: HttpOptions,
): Promise<Result<JsonResponse>> {
  let delay = options.retryDelayMs;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(options.timeoutMs) });
      text = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') return fail('translate_timeout', `${url}: no answer within ${options.timeoutMs} ms`);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return fail('translate_network', `${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    if (RETRIED.has(response.status) && attempt < options.attempts) {
      const wait = Math.min(retryAfterMs(response.headers.get('retry-after')) ?? delay, options.maxDelayMs);
      await sleep(wait);
      delay = Math.min(delay * 2, options.maxDelayMs);
      continue;
    }
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = null;
    }
    return ok({ status: response.status, body, text });
  }
}

/** The provider's own words about an error, shortened for a report line. */
export function errorDetail(response: JsonResponse, field: 'message' | 'error'): string {
  const value = response.body !== null && typeof response.body === 'object' ? (response.body as Record<string, unknown>)[field] : undefined;
  const detail = typeof value === 'string' && value.trim() !== '' ? value.trim() : response.text.trim();
  return detail.length > 200 ? `${detail.slice(0, 199)}…` : detail;
}
