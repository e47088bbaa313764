// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { imagesIntegration } from './src/lib/site/build/imagesIntegration.ts';
import { linkedCacheIntegration } from './src/lib/site/build/linkedCache.ts';
import { pagefindIntegration } from './src/lib/site/build/pagefind.ts';
import { sitemapIntegration } from './src/lib/site/build/sitemap.ts';

// Static output: every page is built ahead of time from the dataset. The Node
// adapter serves those files and the one on-demand route, /api/health.
// MEDCLUSTERS_SITE_URL is the public origin used in canonical links, feeds and
// the sitemap; it defaults to the local server `npm start` runs.
const site = process.env.MEDCLUSTERS_SITE_URL || 'http://localhost:4321';

export default defineConfig({
  site,
  // Incremental builds keep their cache beside the site's builds (src/lib/site/build/output.ts), so each
  // build, written into a fresh folder, finds what the previous one rendered.
  ...(process.env.MEDCLUSTERS_ASTRO_CACHE_DIR ? { cacheDir: process.env.MEDCLUSTERS_ASTRO_CACHE_DIR } : {}),
  experimental: { incrementalBuild: true },
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'ignore',
  // Pages render four at a time: a page's file write (or the link of a reused page, src/lib/site/build/linkedCache.ts)
  // then waits beside the next page's rendering instead of before it.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  compressHTML: true,
  prefetch: false,
  devToolbar: { enabled: false },
  integrations: [
    linkedCacheIntegration(),
    imagesIntegration(),
    // The sitemap, with hreflang alternates from each URL (x-default: the Russian version, as the pages declare).
    sitemapIntegration({ filter: (page) => !/\/(404|search)\/?$/.test(page) && new URL(page).pathname !== '/' }),
    pagefindIntegration(),
  ],
});
