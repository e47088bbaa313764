// The stable codes a fetch can fail with, and how a thrown network error maps
// onto them. Kept apart from the I/O so the mapping is testable on its own.

export const FETCH_ERROR_CODES = [
  /** The whole request (redirects and body included) ran past totalTimeoutMs, or no headers/body bytes came in time. */
  'timeout',
  'connect_timeout',
  /** The host name did not resolve. */
  'dns',
  'connection_refused',
  /** Any other transport failure: reset, TLS, protocol error. */
  'network',
  /** A 3xx without a usable Location, or a 4xx/5xx other than 429 and 503. */
  'http_status',
  /** 429; carries retryAfter and httpStatus. */
  'rate_limited',
  /** 503; carries retryAfter and httpStatus. */
  'unavailable',
  'too_large',
  'too_many_redirects',
  'redirect_loop',
  /** Unparseable, or a scheme other than http/https/file (also as a redirect target). */
  'bad_url',
  /** A file: URL that is missing or cannot be read as a file. */
  'file_not_found',
  /** A loopback, private, link-local or other non-public address that the configured feed address is not itself on. */
  'address_private',
] as const;

export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

type Classified = { code: FetchErrorCode; reason: string };

const CODE_MAP: Record<string, FetchErrorCode> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect_timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'connect_timeout',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  ECONNREFUSED: 'connection_refused',
  address_private: 'address_private',
};

const REASONS: Record<FetchErrorCode, string> = {
  timeout: 'timed out',
  connect_timeout: 'timed out connecting',
  dns: 'host name did not resolve',
  connection_refused: 'connection refused',
  network: 'network error',
  http_status: 'HTTP error',
  rate_limited: 'rate limited',
  unavailable: 'service unavailable',
  too_large: 'response too large',
  too_many_redirects: 'too many redirects',
  redirect_loop: 'redirect loop',
  bad_url: 'bad URL',
  file_not_found: 'file not found',
  address_private: 'address not public',
};

/** Every error in a chain: `cause` links and the members of an AggregateError (dual-stack connects). */
function* errorChain(error: unknown, depth = 0): Generator<unknown> {
  if (error == null || depth > 8) return;
  yield error;
  if (typeof error !== 'object') return;
  if (error instanceof AggregateError) {
    for (const member of error.errors) yield* errorChain(member, depth + 1);
  }
  if ('cause' in error) yield* errorChain(error.cause, depth + 1);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}

/**
 * Maps what undici (or an injected fetch) threw onto a stable code. The
 * deepest recognised code wins over the generic `fetch failed` wrapper.
 */
export function classifyNetworkError(error: unknown): Classified {
  let last: unknown = error;
  for (const link of errorChain(error)) {
    last = link;
    const code = typeof link === 'object' && link !== null ? (link as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && code in CODE_MAP) {
      const mapped = CODE_MAP[code]!;
      return { code: mapped, reason: `${REASONS[mapped]} (${describe(link)})` };
    }
  }
  return { code: 'network', reason: `${REASONS.network} (${describe(last)})` };
}
