import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { checkedLookup } from '../../../pipeline/fetch/address.ts';
import { checkImageAddress, checkImageUrl, IMAGE_LIMITS } from '../imagePolicy.ts';

// How the image store reaches an image: over the network only to public
// addresses (every redirect hop checked, and the address checked again when
// the connection is made, so a name that re-resolves to 127.0.0.1 between the
// check and the connect is refused too), and from a local folder for the
// configured local origins (the bundled demo's illustrations).

export type Fetcher = (url: string, init: { signal: AbortSignal; redirect: 'follow' }) => Promise<Response>;

/** A fetch the policy refuses: permanent, recorded as `refused` with this code and reason. */
export class ImageRefusedError extends Error {
  readonly code: string;
  readonly reason: string;
  constructor(code: string, reason: string) {
    super(reason);
    this.code = code;
    this.reason = reason;
  }
}

export type ImageFetcherOptions = {
  /** Host names or IP addresses reachable even though not public (tests, a demo server on 127.0.0.1). */
  allowHosts?: readonly string[];
  /** URL prefix → folder (absolute, or relative to `root`) served from disk. */
  localOrigins?: Record<string, string>;
  /** Where relative local-origin folders are; default the working directory. */
  root?: string;
};

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
};

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * The file a URL names under a local origin: undefined when the URL is under
 * none, null when it tries to leave the folder (`../`).
 */
export function localOriginFile(url: string, origins: Record<string, string>, root: string): string | null | undefined {
  for (const [prefix, folder] of Object.entries(origins)) {
    if (prefix.startsWith('$') || !url.startsWith(prefix)) continue;
    const dir = path.resolve(root, folder);
    let rest: string;
    try {
      rest = decodeURIComponent(url.slice(prefix.length).split(/[?#]/)[0]!);
    } catch {
      return null;
    }
    const file = path.resolve(dir, rest);
    return file.startsWith(dir + path.sep) ? file : null;
  }
  return undefined;
}

async function readLocal(url: string, file: string | null): Promise<Response> {
  if (file === null) throw new ImageRefusedError('image_url_invalid', `${url}: outside the local image folder`);
  try {
    const body = await readFile(file);
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'content-type': type, 'content-length': String(body.length) } });
  } catch {
    return new Response(null, { status: 404 });
  }
}

/** The store's fetcher: local origins from disk, public hosts over undici, redirects followed by hand and checked hop by hop. */
export function createImageFetcher(options: ImageFetcherOptions = {}): Fetcher {
  const allowed = new Set((options.allowHosts ?? []).map((host) => host.toLowerCase()));
  const origins = options.localOrigins ?? {};
  const root = options.root ?? process.cwd();
  const judge = (host: string, address: string) => {
    if (allowed.has(host)) return null;
    const checked = checkImageAddress(host, address);
    return checked.ok ? null : checked.error;
  };
  const dispatcher = new Agent({ connect: { lookup: checkedLookup(judge), timeout: IMAGE_LIMITS.timeoutMs } });

  return async (url, init) => {
    let current = url;
    for (let hop = 0; hop <= IMAGE_LIMITS.maxRedirects; hop++) {
      const local = localOriginFile(current, origins, root);
      if (local !== undefined) return readLocal(current, local);
      const checked = checkImageUrl(current);
      if (!checked.ok) throw new ImageRefusedError(checked.error.code, checked.error.message);
      const host = hostOf(checked.value);
      // An address literal never goes through the lookup: judge it here.
      if (isIP(host) !== 0 && !allowed.has(host)) {
        const address = checkImageAddress(host, host);
        if (!address.ok) throw new ImageRefusedError(address.error.code, `${url}: ${address.error.message}`);
      }
      let response: Response;
      try {
        response = (await undiciFetch(current, { signal: init.signal, redirect: 'manual', dispatcher })) as unknown as Response;
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        if (cause?.code === 'image_address_private' || cause?.code === 'image_address_invalid') throw new ImageRefusedError(cause.code, `${url}: ${cause.message}`);
        throw error;
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return response;
      await response.body?.cancel();
      current = new URL(location, current).href;
    }
    throw new ImageRefusedError('image_too_many_redirects', `${url}: more than ${IMAGE_LIMITS.maxRedirects} redirects`);
  };
}
