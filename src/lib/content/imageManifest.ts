import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageManifest } from '../site/imagePolicy.ts';

/** Item images live in `<data>/images/<key>/`, listed in `<data>/images/manifest.json`. */
export const IMAGE_DIR = 'images';
export const MANIFEST = 'manifest.json';

/** The image store's manifest; an empty one when nothing was stored yet. */
export async function readManifest(dataDir: string): Promise<ImageManifest> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, IMAGE_DIR, MANIFEST), 'utf8')) as ImageManifest;
  } catch {
    return {};
  }
}
