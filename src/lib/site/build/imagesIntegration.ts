import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { dataDirFromEnv } from '../../content/local.ts';
import { createConfiguredClient } from '../../content/configured.ts';
import { imageUrlsQuery } from '../../content/queries.ts';
import { readManifest } from '../../content/imageManifest.ts';
import { fetchPublicationPolicy } from '../../content/publication.ts';
import { allowedHostsFromEnv } from '../imagePolicy.ts';
import { publishImages, syncImages } from './images.ts';

/**
 * Before the pages are built: fetch and encode the images of shown items that
 * are not in the store yet (each refusal logged with its reason). After: copy
 * the used variants into the site. `MEDCLUSTERS_IMAGES=off` skips fetching
 * (stored images are still published). Only public hosts are fetched;
 * `MEDCLUSTERS_IMAGE_ALLOW_HOSTS=127.0.0.1,…` lets tests or a local demo
 * server through.
 */
export function imagesIntegration(): AstroIntegration {
  let urls: string[] = [];
  let root = process.cwd();
  return {
    name: 'medclusters-images',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:start': async ({ logger }) => {
        const dataDir = dataDirFromEnv();
        // The images of the dataset the site is built from, local or Sanity; the image store stays local.
        const client = await createConfiguredClient();
        const policy = await fetchPublicationPolicy(client);
        urls = ((await client.fetch<(string | null)[]>(imageUrlsQuery, { policy })) ?? []).filter((url): url is string => typeof url === 'string');
        if (process.env.MEDCLUSTERS_IMAGES === 'off' || urls.length === 0) return;
        try {
          const run = await syncImages(dataDir, urls, { allowHosts: allowedHostsFromEnv(), root });
          for (const line of run.log) logger.warn(line);
          if (run.processed > 0) logger.info(`${run.ok} stored, ${run.refused} refused, ${run.failed} failed (of ${urls.length} referenced)`);
        } catch (error) {
          // The store itself could not be written (a read-only data folder): pages go out without new images, as they would without images.
          logger.warn(`images: not fetched, the image store could not be written: ${(error as Error).message}`);
        }
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (urls.length === 0) return;
        const dataDir = dataDirFromEnv();
        const manifest = await readManifest(dataDir);
        const keys = urls.flatMap((url) => {
          const record = manifest[url];
          return record?.status === 'ok' ? [record.key] : [];
        });
        const copied = await publishImages(dataDir, fileURLToPath(dir), keys);
        if (copied > 0) logger.info(`published ${copied} files`);
      },
    },
  };
}
