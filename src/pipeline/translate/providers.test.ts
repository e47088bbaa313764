import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translationSetupFromEnv } from './config.ts';
import type { TranslationProvider } from './model.ts';
import { startDeeplStandIn, startLibreTranslateStandIn, type StandIn } from './testServers.ts';

// Both adapters against loopback stand-ins of their APIs: request shapes,
// batching into one request, and every documented error as a stable code.

const fast = { attempts: 2, retryDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 };
let deepl: StandIn;
let libre: StandIn;
let providers: Record<'deepl' | 'libretranslate', TranslationProvider>;

const providerFrom = (env: Record<string, string>): TranslationProvider => {
  const setup = translationSetupFromEnv(env, fast);
  if (!setup.ok || setup.value === null) throw new Error(`no provider: ${JSON.stringify(setup)}`);
  return setup.value.provider;
};

beforeAll(async () => {
  deepl = await startDeeplStandIn({ authKey: 'test-key:fx' });
  libre = await startLibreTranslateStandIn({ apiKey: 'libre-key', charLimit: 5_000 });
  providers = {
    deepl: providerFrom({ DEEPL_AUTH_KEY: 'test-key:fx', DEEPL_API_URL: deepl.url }),
    libretranslate: providerFrom({ LIBRETRANSLATE_URL: libre.url, LIBRETRANSLATE_API_KEY: 'libre-key' }),
  };
});
afterAll(async () => {
  await deepl.close();
  await libre.close();
});

describe('provider from the environment', () => {
  it.each([
    [{}, null],
    [{ MEDCLUSTERS_TRANSLATION_PROVIDER: 'none', DEEPL_AUTH_KEY: 'k' }, null],
    [{ DEEPL_AUTH_KEY: 'k:fx' }, 'deepl'],
    [{ LIBRETRANSLATE_URL: 'http://127.0.0.1:5000' }, 'libretranslate'],
    [{ DEEPL_AUTH_KEY: 'k', LIBRETRANSLATE_URL: 'http://127.0.0.1:5000', MEDCLUSTERS_TRANSLATION_PROVIDER: 'libretranslate' }, 'libretranslate'],
  ])('%j → %s', (env, expected) => {
    const setup = translationSetupFromEnv(env);
    expect(setup.ok).toBe(true);
    expect(setup.ok && (setup.value?.provider.id ?? null)).toBe(expected);
  });

  it.each([
    [{ MEDCLUSTERS_TRANSLATION_PROVIDER: 'deepl' }, 'DEEPL_AUTH_KEY'],
    [{ MEDCLUSTERS_TRANSLATION_PROVIDER: 'libretranslate' }, 'LIBRETRANSLATE_URL'],
    [{ LIBRETRANSLATE_URL: 'ftp://x' }, 'LIBRETRANSLATE_URL'],
    [{ DEEPL_AUTH_KEY: 'k', MEDCLUSTERS_TRANSLATION_BUDGET: 'lots' }, 'MEDCLUSTERS_TRANSLATION_BUDGET'],
    [{ MEDCLUSTERS_TRANSLATION_PROVIDER: 'google' }, 'MEDCLUSTERS_TRANSLATION_PROVIDER'],
  ])('%j is refused, naming %s', (env, name) => {
    const setup = translationSetupFromEnv(env);
    expect(setup.ok).toBe(false);
    expect(!setup.ok && setup.error.message).toContain(name);
  });

  it('sends free-plan keys to api-free.deepl.com and others to api.deepl.com', async () => {
    const { deeplBaseUrl } = await import('./providers/deepl.ts');
    expect(deeplBaseUrl('abc:fx')).toBe('https://api-free.deepl.com');
    expect(deeplBaseUrl('abc')).toBe('https://api.deepl.com');
  });
});

describe('DeepL adapter', () => {
  it('sends one documented request per batch and reads the answer in order', async () => {
    const before = deepl.requests.length;
    const result = await providers.deepl.translate({ texts: ['Привет', 'Мир'], source: 'ru', target: 'en' });
    expect(result).toEqual({ ok: true, value: ['[EN-GB] Привет', '[EN-GB] Мир'] });
    const request = deepl.requests.at(-1)!;
    expect(deepl.requests.length - before).toBe(1);
    expect(request.path).toBe('/v2/translate');
    expect(request.headers.authorization).toBe('DeepL-Auth-Key test-key:fx');
    expect(request.body).toEqual({ text: ['Привет', 'Мир'], source_lang: 'RU', target_lang: 'EN-GB' });
  });

  it.each([
    [{ status: 456, message: 'Quota exceeded' }, 'translate_quota_exceeded'],
    [{ status: 403, message: 'Authorization failure' }, 'translate_auth'],
    [{ status: 413, message: 'Request Entity Too Large' }, 'translate_too_large'],
    [{ status: 500, message: 'Internal error' }, 'translate_http'],
  ])('%j → %s', async (failure, code) => {
    deepl.failNext.push(failure);
    const result = await providers.deepl.translate({ texts: ['Текст'], source: 'ru', target: 'en' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe(code);
    expect(!result.ok && result.error.message).toContain(failure.message);
  });

  it('retries 429 after Retry-After, then gives up with translate_rate_limited', async () => {
    deepl.failNext.push({ status: 429, message: 'Too many requests', retryAfter: '0' });
    const retried = await providers.deepl.translate({ texts: ['Один'], source: 'ru', target: 'en' });
    expect(retried).toEqual({ ok: true, value: ['[EN-GB] Один'] });
    deepl.failNext.push({ status: 429, message: 'Too many requests' }, { status: 529, message: 'Too many requests' });
    const failed = await providers.deepl.translate({ texts: ['Два'], source: 'ru', target: 'en' });
    expect(!failed.ok && failed.error.code).toBe('translate_rate_limited');
  });

  it('knows DeepL has no Belarusian, and a wrong key is translate_auth', async () => {
    expect(await providers.deepl.supports('be', 'en')).toBe(false);
    expect(await providers.deepl.supports('uk', 'ru')).toBe(true);
    const wrong = providerFrom({ DEEPL_AUTH_KEY: 'other', DEEPL_API_URL: deepl.url });
    const result = await wrong.translate({ texts: ['Текст'], source: 'ru', target: 'en' });
    expect(!result.ok && result.error.code).toBe('translate_auth');
  });
});

describe('LibreTranslate adapter', () => {
  it('sends q as an array with the API key and format text', async () => {
    const result = await providers.libretranslate.translate({ texts: ['Hello', 'World'], source: 'en', target: 'ru' });
    expect(result).toEqual({ ok: true, value: ['[RU] Hello', '[RU] World'] });
    expect(libre.requests.at(-1)!.body).toEqual({ q: ['Hello', 'World'], source: 'en', target: 'ru', format: 'text', api_key: 'libre-key' });
  });

  it('asks /languages once for the pairs it offers', async () => {
    expect(await providers.libretranslate.supports('uk', 'en')).toBe(true);
    expect(await providers.libretranslate.supports('be', 'en')).toBe(false);
    expect(await providers.libretranslate.supports('be', 'ru')).toBe(false);
    expect(libre.requests.filter((request) => request.path === '/languages')).toHaveLength(1);
  });

  it.each([
    [{ status: 429, message: 'Slowdown: 10 per 1 minute' }, 'translate_rate_limited'],
    [{ status: 500, message: 'Cannot translate text' }, 'translate_http'],
    [{ status: 400, message: 'Invalid request: request (9000) exceeds text limit (5000)' }, 'translate_too_large'],
  ])('%j → %s', async (failure, code) => {
    libre.failNext.push(failure, failure);
    const result = await providers.libretranslate.translate({ texts: ['Текст'], source: 'ru', target: 'en' });
    libre.failNext.length = 0;
    expect(!result.ok && result.error.code).toBe(code);
    expect(!result.ok && result.error.message).toContain(failure.message);
  });

  it('a wrong API key is translate_auth; an unreachable instance is translate_network', async () => {
    const wrong = providerFrom({ LIBRETRANSLATE_URL: libre.url, LIBRETRANSLATE_API_KEY: 'nope' });
    const denied = await wrong.translate({ texts: ['x'], source: 'en', target: 'ru' });
    expect(!denied.ok && denied.error.code).toBe('translate_auth');
    const closed = await startLibreTranslateStandIn();
    await closed.close();
    const gone = providerFrom({ LIBRETRANSLATE_URL: closed.url });
    const unreachable = await gone.translate({ texts: ['x'], source: 'en', target: 'ru' });
    expect(!unreachable.ok && unreachable.error.code).toBe('translate_network');
  });
});
