import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { shortId } from '../../src/lib/site/slug.ts';
import { anchors, executableScripts, htmlLang, jsonLdBlocks, links, tags } from './helpers/html.ts';
import { clientFiles, ensureSite, pagePath, SITE_URL, type BuiltSite } from './helpers/siteBuild.ts';

// Whole-build checks over the output of one build of the fixture dataset.

let site: BuiltSite;
let files: string[];
const html = new Map<string, string>();
const read = (file: string) => readFile(path.join(site.client, file), 'utf8');

beforeAll(async () => {
  site = await ensureSite();
  files = await clientFiles(site.client);
  for (const file of files.filter((name) => name.endsWith('.html'))) html.set(file, await read(file));
}, 240_000);

// The per-language 404 pages answer for missing URLs: no canonical, no hreflang (they are not pages of their own).
const localized = () => [...html.entries()].filter(([file]) => /^\/(ru|en)\//.test(file) && !/^\/(ru|en)\/404\//.test(file));

describe('pages', () => {
  it('builds both languages of every page', () => {
    const ru = [...html.keys()].filter((file) => file.startsWith('/ru/')).map((file) => file.slice(3));
    const en = [...html.keys()].filter((file) => file.startsWith('/en/')).map((file) => file.slice(3));
    expect(ru.length).toBeGreaterThan(250);
    expect(new Set(en)).toEqual(new Set(ru));
  });

  it('sets <html lang> to the language of the path on every page', () => {
    for (const [file, text] of html) {
      const expected = /^\/en\//.test(file) ? 'en' : 'ru';
      expect(htmlLang(text), file).toBe(expected);
    }
  });

  it('gives every localized page a canonical URL and hreflang alternates that exist', () => {
    for (const [file, text] of localized()) {
      const own = `${SITE_URL}${pagePath(file)}`;
      expect(links(text, 'canonical').map((tag) => tag.attributes.href), file).toEqual([own]);
      const alternates = links(text, 'alternate').filter((tag) => tag.attributes.hreflang);
      expect(alternates.map((tag) => tag.attributes.hreflang).sort(), file).toEqual(['en', 'ru', 'x-default']);
      for (const alternate of alternates) {
        const target = `${new URL(alternate.attributes.href!).pathname}index.html`;
        expect(html.has(target), `${file} -> ${target}`).toBe(true);
      }
      expect(alternates.find((tag) => tag.attributes.hreflang === file.slice(1, 3))?.attributes.href).toBe(own);
    }
  });

  it('links the language switch to the same page in the other language', () => {
    for (const [file, text] of localized()) {
      const other = file.startsWith('/ru/') ? 'en' : 'ru';
      const switchLink = tags(text, 'a').find((tag) => tag.attributes.hreflang === other && tag.attributes.rel === 'alternate');
      expect(switchLink?.attributes.href, file).toBe(pagePath(file).replace(/^\/(ru|en)\//, `/${other}/`));
    }
  });

  it('has a skip link to main, landmarks, and autodiscovery of RSS and JSON feeds', () => {
    for (const [file, text] of localized()) {
      expect(text, file).toMatch(/<a class="skip-link" href="#main">/);
      expect(text, file).toMatch(/<main id="main"/);
      expect(text, file).toMatch(/<header/);
      expect(text, file).toMatch(/<footer/);
      const feeds = links(text, 'alternate').filter((tag) => tag.attributes.type);
      expect(feeds.some((tag) => tag.attributes.type === 'application/rss+xml' && tag.attributes.href!.startsWith(SITE_URL)), file).toBe(true);
      expect(feeds.some((tag) => tag.attributes.type === 'application/feed+json'), file).toBe(true);
    }
  });

  it('runs no JavaScript except the search island', () => {
    const withScripts = [...html.entries()].filter(([, text]) => executableScripts(text).length > 0).map(([file]) => file);
    expect(withScripts.sort()).toEqual(['/en/search/index.html', '/ru/search/index.html']);
  });

  it('links only to pages that exist (internal links)', () => {
    const known = new Set(files);
    const broken: string[] = [];
    for (const [file, text] of html) {
      for (const href of anchors(text)) {
        if (!href.startsWith('/') || href.startsWith('//')) continue;
        const target = href.split(/[?#]/)[0]!;
        const candidate = target.endsWith('/') ? `${target}index.html` : target;
        if (!known.has(candidate)) broken.push(`${file} -> ${href}`);
      }
    }
    expect(broken.slice(0, 10)).toEqual([]);
  });

  it('redirects / to /ru/ on a static host (the Node server sends a 302 instead)', () => {
    expect(html.get('/index.html')).toMatch(/<meta http-equiv="refresh" content="0;url=\/ru\/">/);
  });

  it('has a 404 page per language, and a bilingual one for other paths, none of them indexed', () => {
    for (const [file, lang] of [['/ru/404/index.html', 'ru'], ['/en/404/index.html', 'en'], ['/404.html', 'ru']] as const) {
      const text = html.get(file)!;
      expect(htmlLang(text), file).toBe(lang);
      expect(text, file).toContain('<meta name="robots" content="noindex">');
      expect(links(text, 'canonical'), file).toEqual([]);
    }
    expect(html.get('/en/404/index.html')).toContain('<h1>Page not found</h1>');
    expect(html.get('/en/404/index.html')).not.toContain('Страница не найдена');
    expect(html.get('/404.html')).toMatch(/<section lang="en"/);
  });
});

describe('what is shown', () => {
  const itemFiles = () => [...html.keys()].filter((file) => /^\/ru\/news\/[^/]+\/index\.html$/.test(file));
  const shownIds = () => new Set(itemFiles().map((file) => /-([0-9a-f]{8})\/index\.html$/.exec(file)?.[1]));

  it('never shows rejected items or items tagged as not health news', () => {
    const hidden = site.documents.filter((doc) => doc._type === 'newsItem' && (doc.reviewStatus === 'rejected' || doc.health === false));
    expect(hidden.length).toBeGreaterThan(5);
    const shown = shownIds();
    for (const doc of hidden) expect(shown.has(shortId(doc._id)), doc._id).toBe(false);
  });

  it('shows every approved or new health item, marking the unreviewed and the sample ones', async () => {
    const visible = site.documents.filter((doc) => doc._type === 'newsItem' && doc.health === true && doc.reviewStatus !== 'rejected');
    expect(itemFiles()).toHaveLength(visible.length);
    const sampleSources = new Set(site.documents.filter((doc) => doc._type === 'source' && doc.sample === true).map((doc) => doc._id));
    for (const doc of visible) {
      const file = itemFiles().find((name) => name.endsWith(`-${shortId(doc._id)}/index.html`))!;
      const text = html.get(file)!;
      expect(text.includes('class="badge badge-review"'), file).toBe(doc.reviewStatus !== 'approved');
      expect(text.includes('class="badge badge-sample"'), file).toBe(sampleSources.has((doc.source as { _ref: string })._ref));
    }
  });

  it('says on the English page of a Russian-only item that it is untranslated, and links the Russian page', () => {
    const doc = site.documents.find((candidate) => candidate._type === 'newsItem' && candidate.language === 'ru' && candidate.health === true && candidate.reviewStatus !== 'rejected' && !candidate.translations)!;
    const file = [...html.keys()].find((name) => name.startsWith('/en/news/') && name.endsWith(`-${shortId(doc._id)}/index.html`))!;
    const text = html.get(file)!;
    expect(text).toContain('This item has no English text yet');
    expect(text).toMatch(/<h1 lang="ru"/);
    expect(anchors(text)).toContain(file.replace('/en/', '/ru/').replace('index.html', ''));
  });

  it('says the site shows sample data', () => {
    expect(html.get('/ru/index.html')).toContain('class="sample-banner"');
    expect(html.get('/en/index.html')).toContain('This site currently shows sample data');
  });
});

describe('SEO', () => {
  it('describes item pages as NewsArticle in JSON-LD, with OpenGraph tags', () => {
    const file = [...html.keys()].find((name) => name.startsWith('/en/news/'))!;
    const text = html.get(file)!;
    const [article] = jsonLdBlocks(text) as Record<string, unknown>[];
    expect(article).toMatchObject({ '@context': 'https://schema.org', '@type': 'NewsArticle', url: `${SITE_URL}${pagePath(file)}` });
    expect(typeof article!.headline).toBe('string');
    expect(Number.isNaN(Date.parse(String(article!.datePublished)))).toBe(false);
    const og = Object.fromEntries(tags(text, 'meta').filter((tag) => tag.attributes.property?.startsWith('og:')).map((tag) => [tag.attributes.property, tag.attributes.content]));
    expect(og).toMatchObject({ 'og:type': 'article', 'og:url': `${SITE_URL}${pagePath(file)}`, 'og:locale': 'en_GB' });
  });

  it('lists both languages in the sitemap, with hreflang alternates', async () => {
    const index = await read('/sitemap-index.xml');
    const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
    const text = (await Promise.all(sitemaps.map(read))).join('\n');
    const urls = [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!);
    expect(urls.filter((url) => url.startsWith(`${SITE_URL}/ru/`)).length).toBeGreaterThan(100);
    expect(urls.filter((url) => url.startsWith(`${SITE_URL}/ru/`)).length).toBe(urls.filter((url) => url.startsWith(`${SITE_URL}/en/`)).length);
    expect(text).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${SITE_URL}/en/"/>`);
    expect(urls.some((url) => url.includes('/search/'))).toBe(false);
  });

  it('points robots.txt at the sitemap', async () => {
    expect(await read('/robots.txt')).toContain(`Sitemap: ${SITE_URL}/sitemap-index.xml`);
  });
});

describe('feeds', () => {
  const rfc822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

  it('has an RSS feed and a JSON Feed for each language, task, region and task × region', () => {
    const rss = files.filter((file) => file.endsWith('/rss.xml'));
    // per language: all + 15 tasks + 6 regions + 90 pairs
    expect(rss).toHaveLength(2 * (1 + 15 + 6 + 90));
    for (const file of rss) expect(files, file).toContain(file.replace('rss.xml', 'feed.json'));
  });

  it('every RSS feed parses and has the required elements', async () => {
    const parser = new Parser();
    const guids = new Map<string, string>();
    for (const file of files.filter((name) => name.endsWith('/rss.xml'))) {
      const xml = await read(file);
      const feed = await parser.parseString(xml);
      const self = `${SITE_URL}${file}`;
      expect(xml, file).toContain(`<atom:link href="${self}" rel="self" type="application/rss+xml"/>`);
      expect(feed.title, file).toBeTruthy();
      expect(feed.link, file).toBe(`${SITE_URL}${file.replace('rss.xml', '')}`);
      expect(xml, file).toMatch(/<language>(ru|en)<\/language>/);
      for (const entry of feed.items) {
        expect(entry.title, file).toBeTruthy();
        expect(entry.link, file).toMatch(new RegExp(`^${SITE_URL}/(ru|en)/news/`));
        expect(entry.pubDate, file).toMatch(rfc822);
        expect(entry.guid, file).toMatch(/^medclusters:(ru|en):item-[0-9a-f]{24}$/);
        // A guid names one item wherever it appears.
        const seen = guids.get(entry.guid!);
        if (seen) expect(seen, entry.guid).toBe(entry.link);
        guids.set(entry.guid!, entry.link!);
      }
    }
    expect(guids.size).toBeGreaterThan(100);
  });

  it('every JSON Feed parses and names itself', async () => {
    for (const file of files.filter((name) => name.endsWith('/feed.json'))) {
      const feed = JSON.parse(await read(file));
      expect(feed.version, file).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.feed_url, file).toBe(`${SITE_URL}${file}`);
      for (const entry of feed.items) expect(entry.url, file).toMatch(new RegExp(`^${SITE_URL}/`));
    }
  });

  it('lists every RSS feed in feeds.opml', async () => {
    const text = await read('/feeds.opml');
    const listed = new Set([...text.matchAll(/xmlUrl="([^"]+)"/g)].map((match) => new URL(match[1]!).pathname));
    expect(listed).toEqual(new Set(files.filter((file) => file.endsWith('/rss.xml'))));
  });
});

describe('search index', () => {
  it('has one Pagefind index per language, covering the item pages', async () => {
    const entry = JSON.parse(await read('/pagefind/pagefind-entry.json'));
    const items = [...html.keys()].filter((file) => /^\/ru\/news\//.test(file)).length;
    expect(Object.keys(entry.languages).sort()).toEqual(['en', 'ru']);
    expect(entry.languages.ru.page_count).toBe(items);
    expect(entry.languages.en.page_count).toBe(items);
  });
});

describe('budgets', () => {
  const gz = (text: string) => gzipSync(text, { level: 9 }).length;

  it('keeps the home page at or under 50 kB transferred (HTML and its CSS, gzip)', async () => {
    for (const lang of ['ru', 'en']) {
      const home = html.get(`/${lang}/index.html`)!;
      const styles = tags(home, 'link').filter((tag) => tag.attributes.rel === 'stylesheet').map((tag) => tag.attributes.href!);
      expect(styles.length, lang).toBeGreaterThan(0);
      const css = await Promise.all(styles.map((href) => read(href)));
      const total = gz(home) + css.reduce((sum, text) => sum + gz(text), 0);
      expect(total, lang).toBeLessThanOrEqual(50 * 1024);
    }
  });

  it('keeps item pages smaller than the home page', () => {
    const home = gz(html.get('/ru/index.html')!);
    for (const [file, text] of html) if (file.includes('/news/')) expect(gz(text), file).toBeLessThan(home);
  });
});

describe('images', () => {
  it('serves stored AVIF and WebP variants on item pages, never the source URL', async () => {
    const withImage = site.documents.filter((doc) => doc._type === 'newsItem' && typeof doc.image === 'string' && !String(doc.image).endsWith('bomb.png') && doc.health === true && doc.reviewStatus !== 'rejected');
    expect(withImage.length).toBeGreaterThan(0);
    for (const doc of withImage) {
      const file = [...html.keys()].find((name) => name.startsWith('/ru/news/') && name.endsWith(`-${shortId(doc._id)}/index.html`))!;
      const text = html.get(file)!;
      expect(text, file).not.toContain(String(doc.image));
      const sources = tags(text, 'source');
      expect(sources.map((tag) => tag.attributes.type), file).toEqual(['image/avif', 'image/webp']);
      for (const candidate of sources.flatMap((tag) => tag.attributes.srcset!.split(', ').map((entry) => entry.split(' ')[0]!))) {
        expect(files, candidate).toContain(candidate);
      }
      const img = tags(text, 'img')[0]!;
      expect(img.attributes).toMatchObject({ width: '960', height: '540', alt: '' });
    }
  });

  it('refuses the pixel bomb with a logged reason and shows no image for it', async () => {
    const bomb = site.documents.find((doc) => String(doc.image ?? '').endsWith('bomb.png'))!;
    const manifest = JSON.parse(await readFile(path.join(site.dataDir, 'images/manifest.json'), 'utf8'));
    expect(manifest[String(bomb.image)]).toMatchObject({ status: 'refused', code: 'image_too_many_pixels' });
    const log = await readFile(path.join(site.outDir, '..', 'build.log'), 'utf8');
    expect(log).toMatch(/refused image_too_many_pixels: .*bomb\.png: 30000×30000/);
  });
});
