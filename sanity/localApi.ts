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

/**
 * Sanity's client puts the project id into the host name
 * (`<project>.api.sanity.io`); a loopback server has one host, so its clients
 * address it directly (`apiHost/vX/...`, project in a header).
 */
export const localClientFactory = (config: ClientConfig): SanityClient => createClient({ ...config, useProjectHostname: false });
