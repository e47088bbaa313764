// The decode stage's public surface: fetched bytes in, feed text out.
export { decodeFeed } from './decode.ts';
export { canonicalEncoding, charsetFromContentType } from './charset.ts';
export { detectEncoding } from './detect.ts';
export type { Detection, DetectionMethod } from './detect.ts';
