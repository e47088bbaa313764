// Loopback stand-ins of the two translation APIs, following their documented
// request and response shapes (providers/deepl.ts, providers/libretranslate.ts),
// errors included. Tests and local trials only; never used by the pipeline.
// The "translation" is the text with the target language in front
// (`[EN-GB] Текст`), so a test can tell what was translated into what.
//
//   const deepl = await startDeeplStandIn({ authKey: 'k:fx' });
//   deepl.failNext.push({ status: 456, message: 'Quota exceeded' });
//   ... DEEPL_API_URL=deepl.url ...
//   await deepl.close();

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedFailure = { status: number; message: string; retryAfter?: string };
export type StandInRequest = { path: string; headers: IncomingMessage['headers']; body: unknown };
export type StandIn = {
  url: string;
  requests: StandInRequest[];
  /** Answers the next requests to the translate endpoint with these errors, in order. */
  failNext: ScriptedFailure[];
  /** Characters translated so far (what the provider would bill). */
  characters: number;
  close: () => Promise<void>;
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The request's body as text and as a JSON object (an empty body is `{}`); null when it is not JSON. */
async function readJsonBody(request: IncomingMessage): Promise<{ raw: string; body: Record<string, unknown> } | null> {
  const raw = await readBody(request);
  try {
    return { raw, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
  } catch {
    return null;
  }
}

const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

async function listen(handler: (request: IncomingMessage, response: ServerResponse, state: StandIn) => Promise<void>): Promise<StandIn> {
  const state = { requests: [], failNext: [], characters: 0 } as unknown as StandIn;
  const server = createServer((request, response) => {
    handler(request, response, state).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

const DEEPL_SOURCES = new Set(['RU', 'EN', 'UK', 'DE', 'FR']);
const DEEPL_TARGETS = new Set(['RU', 'EN-GB', 'EN-US', 'UK', 'DE', 'FR']);

/** DeepL API v2: POST /v2/translate with `Authorization: DeepL-Auth-Key <key>`, JSON `{text, source_lang, target_lang}`. */
export function startDeeplStandIn(options: { authKey: string }): Promise<StandIn> {
  return listen(async (request, response, state) => {
    const read = await readJsonBody(request);
    if (read === null) return send(response, 400, { message: 'Bad request. Reason: body is not JSON' });
    const { raw, body } = read;
    state.requests.push({ path: request.url ?? '', headers: request.headers, body });
    if (request.method !== 'POST' || request.url !== '/v2/translate') return send(response, 404, { message: 'Not found' });
    if (request.headers.authorization !== `DeepL-Auth-Key ${options.authKey}`) return send(response, 403, { message: 'Authorization failure, check auth_key' });
    const failure = state.failNext.shift();
    if (failure) return send(response, failure.status, { message: failure.message }, failure.retryAfter === undefined ? {} : { 'retry-after': failure.retryAfter });
    if (Buffer.byteLength(raw) > 128 * 1024) return send(response, 413, { message: 'Request Entity Too Large' });
    const texts = body.text;
    const target = typeof body.target_lang === 'string' ? body.target_lang.toUpperCase() : '';
    const source = typeof body.source_lang === 'string' ? body.source_lang.toUpperCase() : null;
    if (!Array.isArray(texts) || texts.length === 0 || texts.length > 50 || !texts.every((text) => typeof text === 'string')) {
      return send(response, 400, { message: "Bad request. Reason: Parameter 'text' not specified or invalid." });
    }
    if (!DEEPL_TARGETS.has(target)) return send(response, 400, { message: "Value for 'target_lang' not supported." });
    if (source !== null && !DEEPL_SOURCES.has(source)) return send(response, 400, { message: "Value for 'source_lang' not supported." });
    state.characters += texts.reduce((sum: number, text: string) => sum + text.length, 0);
    send(response, 200, { translations: texts.map((text: string) => ({ detected_source_language: source ?? 'RU', text: `[${target}] ${text}` })) });
  });
}

/** LibreTranslate's languages as an instance with the en, ru and uk models installed (Argos has no Belarusian). */
const LIBRE_LANGUAGES = [
  { code: 'en', name: 'English', targets: ['en', 'ru', 'uk'] },
  { code: 'ru', name: 'Russian', targets: ['en', 'ru', 'uk'] },
  { code: 'uk', name: 'Ukrainian', targets: ['en', 'ru', 'uk'] },
];

/** LibreTranslate: GET /languages, POST /translate with JSON `{q, source, target, format, api_key}`. */
export function startLibreTranslateStandIn(options: { apiKey?: string; charLimit?: number } = {}): Promise<StandIn> {
  return listen(async (request, response, state) => {
    const read = await readJsonBody(request);
    if (read === null) return send(response, 400, { error: 'Invalid request: body is not JSON' });
    const { body } = read;
    state.requests.push({ path: request.url ?? '', headers: request.headers, body });
    if (request.method === 'GET' && request.url === '/languages') return send(response, 200, LIBRE_LANGUAGES);
    if (request.method !== 'POST' || request.url !== '/translate') return send(response, 404, { error: 'Not Found' });
    if (options.apiKey !== undefined && body.api_key !== options.apiKey) {
      return send(response, 403, { error: 'Invalid API key' });
    }
    const failure = state.failNext.shift();
    if (failure) return send(response, failure.status, { error: failure.message }, failure.retryAfter === undefined ? {} : { 'retry-after': failure.retryAfter });
    const q = body.q;
    const texts = typeof q === 'string' ? [q] : Array.isArray(q) && q.every((text) => typeof text === 'string') ? (q as string[]) : null;
    if (texts === null) return send(response, 400, { error: "Invalid request: missing q parameter" });
    const source = LIBRE_LANGUAGES.find((language) => language.code === body.source);
    if (!source) return send(response, 400, { error: `${String(body.source)} is not supported` });
    if (typeof body.target !== 'string' || !source.targets.includes(body.target)) return send(response, 400, { error: `${String(body.target)} is not supported` });
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    if (options.charLimit !== undefined && chars > options.charLimit) {
      return send(response, 400, { error: `Invalid request: request (${chars}) exceeds text limit (${options.charLimit})` });
    }
    state.characters += chars;
    const translated = texts.map((text) => `[${String(body.target).toUpperCase()}] ${text}`);
    send(response, 200, { translatedText: typeof q === 'string' ? translated[0] : translated });
  });
}
