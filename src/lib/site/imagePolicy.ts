import { createHash } from 'node:crypto';
import config from './images.json' with { type: 'json' };
import { fail, ok, type Result } from '../../pipeline/model.ts';
import { addressRange, PUBLIC_RANGE } from '../../pipeline/fetch/address.ts';

// What the site does with an item image, decided without I/O: whether a URL
// may be fetched, whether a decoded header is acceptable, which variants to
// make and where they live. `build/images.ts` does the fetching and encoding.

export const IMAGE_LIMITS = config;

export type Variant = { width: number; height: number; format: 'avif' | 'webp'; file: string };
export type StoredImage = { width: number; height: number; variants: Variant[] };

/** The manifest entry for one image URL. Refusals are permanent; failures are retried on a later build. */
export type ImageRecord =
  | ({ status: 'ok'; key: string; at: string } & StoredImage)
  | { status: 'refused'; code: string; reason: string; at: string }
  | { status: 'failed'; code: string; reason: string; at: string };
export type ImageManifest = Record<string, ImageRecord>;

/** Folder name of an image in the store and under /images/ on the site: a hash of its URL. */
export const imageKey = (url: string): string => createHash('sha256').update(url).digest('hex').slice(0, 20);

export function checkImageUrl(url: string): Result<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('image_url_invalid', `${url}: not an absolute URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return fail('image_url_scheme', `${url}: only http(s) images are fetched`);
  return ok(parsed);
}

/**
 * An image host must be a public address: a feed must not make the build
 * fetch from the machine itself, the local network or a cloud metadata
 * service. Only ordinary unicast addresses pass (IPv4-mapped IPv6 is judged
 * as the IPv4 address it carries).
 */
export function checkImageAddress(host: string, address: string): Result<null> {
  const range = addressRange(address);
  if (range === null) return fail('image_address_invalid', `${host}: ${address} is not an IP address`);
  if (range !== PUBLIC_RANGE) {
    const what = host === address ? `${address} is` : `${host} resolves to ${address},`;
    return fail('image_address_private', `${what} a ${range} address: only public hosts are fetched`);
  }
  return ok(null);
}

/** Host names or addresses the image fetcher may reach even when they are not public (tests, a local demo server). */
export function allowedHostsFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  return (env.MEDCLUSTERS_IMAGE_ALLOW_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
}

/** Refuses by the declared size before reading the body, when the server declares one. */
export function checkDeclaredSize(url: string, contentLength: string | null, contentType: string | null): Result<null> {
  if (contentType !== null && !/^image\//i.test(contentType.trim())) return fail('image_not_image', `${url}: content-type ${contentType} is not an image`);
  const length = contentLength === null ? Number.NaN : Number(contentLength);
  if (Number.isFinite(length) && length > config.maxBytes) return fail('image_too_large', `${url}: ${length} bytes declared, limit ${config.maxBytes}`);
  return ok(null);
}

/** Refuses by the decoded header (format, dimensions) before any pixel is decoded: a pixel bomb never reaches the decoder. */
export function checkImageHeader(url: string, meta: { format?: string; width?: number; height?: number }): Result<{ width: number; height: number }> {
  const { format, width, height } = meta;
  if (!format || !config.formats.includes(format)) return fail('image_format', `${url}: format ${format ?? 'unknown'} is not one of ${config.formats.join(', ')}`);
  if (!width || !height) return fail('image_dimensions', `${url}: no dimensions in the header`);
  if (width > config.maxSide || height > config.maxSide) return fail('image_too_many_pixels', `${url}: ${width}×${height} exceeds ${config.maxSide} px on a side`);
  if (width * height > config.maxPixels) return fail('image_too_many_pixels', `${url}: ${width}×${height} = ${width * height} pixels exceeds ${config.maxPixels}`);
  return ok({ width, height });
}

/** Target widths for an image: the configured ones it is wide enough for, or its own width when smaller than all. */
export function variantWidths(width: number): number[] {
  const fitting = config.widths.filter((target) => target <= width);
  return fitting.length > 0 ? fitting : [width];
}

export const variantFile = (width: number, format: 'avif' | 'webp'): string => `w${width}.${format}`;

/** `srcset` for one format, with URLs under /images/<key>/. */
export function srcset(key: string, image: StoredImage, format: 'avif' | 'webp'): string {
  return image.variants
    .filter((variant) => variant.format === format)
    .map((variant) => `/images/${key}/${variant.file} ${variant.width}w`)
    .join(', ');
}
