import { createClient, type ClientConfig, type SanityClient } from '@sanity/client';

// The local studio server (`npm run studio`, src/studio/) serves this same
// build and marks its page with a meta tag naming its own origin as the API
// host. Without the tag (a hosted studio, `sanity dev` against a project) the
// studio talks to Sanity as configured.

/** The project id the local server answers for; any id works there, a fixed one keeps the stored login stable. */
export const LOCAL_PROJECT_ID = 'local';
export const LOCAL_API_META = 'medclusters-local-api';

export type LocalApi = { apiHost: string };

/** The local API host the page was served with, or null on a hosted studio. */
export function localApiFromPage(): LocalApi | null {
  if (typeof document === 'undefined') return null;
  const content = document.querySelector(`meta[name="${LOCAL_API_META}"]`)?.getAttribute('content');
  if (!content) return null;
  try {
    const url = new URL(content, window.location.href);
    return url.origin === window.location.origin ? { apiHost: url.origin } : null;
  } catch {
    return null;
  }
}

// Each open pane keeps listeners (server-sent events) open. Sanity's API
// speaks HTTP/2, where they share one connection; a loopback server speaks
// HTTP/1.1, where a browser opens at most six connections per host and every
// request after the sixth listener would wait forever. Listeners therefore
// go to `listen<N>.localhost` (a name browsers resolve to the loopback
// address themselves), a few per name.
const LISTEN_HOSTS = 32;
let nextListenHost = 0;

export function listenerUrl(url: URL): URL {
  if (!url.pathname.includes('/data/listen/') || !(url.hostname === '127.0.0.1' || url.hostname === 'localhost')) return url;
  const spread = new URL(url);
  spread.hostname = `listen${nextListenHost++ % LISTEN_HOSTS}.localhost`;
  return spread;
}

const localFetch: typeof fetch = (input, init) => {
  if (typeof input === 'string' || input instanceof URL) return fetch(listenerUrl(new URL(input, window.location.href)), init);
  return fetch(input, init);
};

/**
 * Sanity's client puts the project id into the host name
 * (`<project>.api.sanity.io`); a loopback server has one host, so its clients
 * address it directly (`apiHost/vX/...`, project in a header).
 */
export const localClientFactory = (config: ClientConfig): SanityClient =>
  createClient({ ...config, useProjectHostname: false, resolveFetch: () => localFetch } as ClientConfig);
