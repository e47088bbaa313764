import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { shortId } from '../../src/pipeline/normalize/slug.ts';
import { anchors, executableScripts, htmlLang, jsonLdBlocks, links, tags } from './helpers/html.ts';
import { clientFiles, ensureSite, pagePath, SITE_URL, type BuiltSite } from './helpers/siteBuild.ts';
import { PRIVATE_IMAGE } from './fixtures/generateDataset.ts';

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
    expect(html.get('/index.html')).toMatch(/<meta http-equiv="refresh" content="0; url=\/ru\/">/);
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
    const doc = site.documents.find((candidate) => candidate._type === 'newsItem' && candidate.language === 'ru' && candidate.health === true && candidate.reviewStatus !== 'rejected' && !candidate.translations && !candidate.machineTranslations)!;
    const file = [...html.keys()].find((name) => name.startsWith('/en/news/') && name.endsWith(`-${shortId(doc._id)}/index.html`))!;
    const text = html.get(file)!;
    expect(text).toContain('This item has no English text yet');
    expect(text).toMatch(/<h1 lang="ru"/);
    expect(anchors(text)).toContain(file.replace('/en/', '/ru/').replace('index.html', ''));
  });

  it('shows a machine translation where no editor wrote one: marked on the card and the page, with its provider and a link to the original', () => {
    const doc = site.documents.find((candidate) => candidate._type === 'newsItem' && candidate.language === 'ru' && candidate.health === true && candidate.reviewStatus !== 'rejected' && candidate.machineTranslations)!;
    const machine = (doc.machineTranslations as { en: { title: string; provider: string } }).en;
    const name = machine.provider === 'deepl' ? 'DeepL' : 'LibreTranslate';
    const file = [...html.keys()].find((candidate) => candidate.startsWith('/en/news/') && candidate.endsWith(`-${shortId(doc._id)}/index.html`))!;
    const page = html.get(file)!;
    expect(page).toContain(`<h1 data-pagefind-meta="title">${machine.title}</h1>`);
    expect(page).toContain(`Machine translation by ${name}, not checked by an editor; the original is in Russian.`);
    expect(page).not.toContain('This item has no English text yet');
    expect(anchors(page)).toContain(file.replace('/en/', '/ru/').replace('index.html', ''));
    expect(page).toContain(`machine translation · ${name}`);
    // The Russian page shows the original, unmarked.
    const ru = html.get(file.replace('/en/', '/ru/'))!;
    expect(ru).toContain(`>${doc.title as string}</h1>`);
    expect(ru).not.toContain('badge-machine');
    // A card: some listing of the English site shows the machine title with the badge, in English (no lang attribute).
    const card = [...html.entries()].find(([name, text]) => name.startsWith('/en/') && !name.includes('/news/') && text.includes(`>${machine.title}</a>`));
    expect(card).toBeDefined();
    expect(card![1]).toMatch(new RegExp(`<a href="/en/news/[^"]+-${shortId(doc._id)}/">${machine.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</a>`));
  });

  it('says the site shows sample data', () => {
    expect(html.get('/ru/index.html')).toContain('class="sample-banner"');
    expect(html.get('/en/index.html')).toContain('This site currently shows sample data');
  });
});

describe('what the pages say', () => {
  const taskPages = () => [...html.entries()].filter(([file]) => /^\/(ru|en)\/tasks\/[^/]+\/index\.html$/.test(file));
  const text = (fragment: string) => fragment.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

  it('cites the documents a task comes from by title and section, never by code', () => {
    for (const [file, page] of taskPages()) {
      const block = /<div class="seed-refs">([\s\S]*?)<\/div>/.exec(page)?.[1];
      expect(block, file).toBeDefined();
      const shown = text(block!);
      expect(shown, file).not.toMatch(/\b00\d\b|§|—|\(gene dermatoses centre\)/);
      expect(block, file).toMatch(/<cite>[^<]{6,}<\/cite>/);
    }
    const ru = text(/<div class="seed-refs">([\s\S]*?)<\/div>/.exec(html.get('/ru/tasks/high-tech-care/index.html')!)![1]!);
    expect(ru).toContain('Медицинский кластер, программа Челябинской области, раздел 90: задача 1');
    expect(ru).toContain('Развитие медицины в Луганске, новость из Луганска: сообщение об открытии центра генных дерматозов');
    expect(ru).not.toMatch(/[A-Za-z]{3,}/);
    const en = text(/<div class="seed-refs">([\s\S]*?)<\/div>/.exec(html.get('/en/tasks/infrastructure/index.html')!)![1]!);
    expect(en).toContain('item 1, “Development of infrastructure”');
  });

  it('starts task descriptions with a capital letter', () => {
    for (const [file, page] of taskPages()) {
      const lead = /<p class="lead">(?:<span class="visually-hidden">[^<]*<\/span>)?<span[^>]*>([^<])/.exec(page)?.[1];
      expect(lead, file).toBeDefined();
      expect(lead, file).toBe(lead!.toLocaleUpperCase());
    }
  });

  it('marks Russian titles in the English home page task lists with a visible "in Russian" badge', () => {
    const grid = /<ul class="task-grid">([\s\S]*?)<\/section>/.exec(html.get('/en/index.html')!)![1]!;
    const russian = [...grid.matchAll(/<a href="\/en\/news\/[^"]+" lang="ru">[^<]*<\/a>(\s*<span class="badge badge-lang">[^<]*<\/span>)?/g)];
    expect(russian.length).toBeGreaterThan(3);
    for (const match of russian) expect(match[1], match[0]).toMatch(/in Russian/);
  });

  it('shows the words a tag rule matched, without rule syntax', () => {
    let reasons = 0;
    for (const [file, page] of html) {
      if (!file.includes('/news/')) continue;
      for (const match of page.matchAll(/<p class="why">([^<]*)<\/p>/g)) {
        reasons += 1;
        expect(match[1], file).not.toMatch(/[«“]=|\*[»”]/);
      }
    }
    expect(reasons).toBeGreaterThan(100);
  });

  it('lists a task × region combination only when it has items, while every combination keeps its page and feeds', () => {
    const counts = new Map<string, number>();
    for (const file of html.keys()) {
      const match = /^\/ru\/tasks\/([^/]+)\/([^/]+)\/index\.html$/.exec(file);
      if (match && match[2] !== 'page') counts.set(`${match[1]}/${match[2]}`, (html.get(file)!.match(/<article class="card">/g) ?? []).length);
    }
    expect(counts.size).toBe(15 * 6);
    const empty = [...counts].filter(([, count]) => count === 0).map(([key]) => key);
    expect(empty.length).toBeGreaterThan(0);
    for (const key of empty) expect(files, key).toContain(`/ru/tasks/${key}/rss.xml`);
    for (const [file, page] of html) {
      if (!/^\/ru\/(tasks|regions)\/[^/]+\/index\.html$/.test(file)) continue;
      const listed = [...page.matchAll(/<ul class="pill-list">([\s\S]*?)<\/ul>/g)].map((match) => match[1]).join('');
      for (const key of empty) expect(listed, `${file} links the empty ${key}`).not.toContain(`href="/ru/tasks/${key}/"`);
      expect(listed, file).not.toMatch(/\(0\)/);
    }
  });

  it('describes sources to readers in the page language and never shows the editors\' notes', () => {
    for (const lang of ['ru', 'en'] as const) {
      const page = html.get(`/${lang}/sources/index.html`)!;
      expect(page).not.toContain('Internal: checked against ticket');
      expect(page).not.toContain('No feed URL confirmed.');
      const described = site.documents.filter((doc) => doc._type === 'source' && doc.description);
      expect(described.length).toBeGreaterThan(0);
      for (const doc of described) expect(page).toContain(`<p class="source-description">${(doc.description as Record<string, string>)[lang]}</p>`);
    }
  });

  it('explains a source error in the page language, the raw message only as an English detail', () => {
    const ru = html.get('/ru/sources/index.html')!;
    const row = /<tr id="source-fx-broken">([\s\S]*?)<\/tr>/.exec(ru)![1]!;
    expect(text(/<span class="error-text">([^<]*)<\/span>/.exec(row)![1]!)).toBe('Не удалось найти адрес сайта (ошибка DNS): сайт не работает или адрес ленты устарел.');
    const detail = /<details class="note error-detail">([\s\S]*?)<\/details>/.exec(row)![1]!;
    expect(detail).toMatch(/<p lang="en"><code>dns<\/code> host name did not resolve .*xn--80aqafcrtq\.xn--p1ai/);
    expect(row.replace(detail, '')).not.toContain('xn--');
    const en = html.get('/en/sources/index.html')!;
    expect(/<span class="error-text">([^<]*)<\/span>/.exec(en)![1]).toBe('The site&#39;s address could not be found (DNS): the site is down or the feed address is out of date.');
  });

  it('names a story on English pages after an English report when it has one', () => {
    const stories = new Map<string, { lang: string; title: string }[]>();
    for (const doc of site.documents) {
      if (doc._type !== 'newsItem' || doc.health !== true || doc.reviewStatus === 'rejected') continue;
      const root = (doc.duplicateOf as { _ref: string } | undefined)?._ref ?? doc._id;
      stories.set(root, [...(stories.get(root) ?? []), { lang: String(doc.language), title: String(doc.title) }]);
    }
    let checked = 0;
    for (const [root, reports] of stories) {
      const english = reports.find((report) => report.lang === 'en');
      if (reports.length < 2 || !english || reports.every((report) => report.lang === 'en')) continue;
      const page = html.get(`/en/stories/${shortId(root)}/index.html`);
      if (!page) continue;
      const heading = text(/<h1>([\s\S]*?)<\/h1>/.exec(page)![1]!);
      expect(reports.filter((report) => report.lang === 'en').map((report) => `Story: ${report.title}`), root).toContain(heading);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('links the source on item pages and says plainly when there is no original', () => {
    let withLink = 0;
    let without = 0;
    for (const [file, page] of html) {
      if (!/^\/ru\/news\//.test(file)) continue;
      const facts = /<dl class="facts"[^>]*>([\s\S]*?)<\/dl>/.exec(page)![1]!;
      expect(facts, file).toMatch(/<dt>Источник<\/dt>\s*<dd><a href="https:\/\/fx-[a-z]+\.example\/"[^>]*>Источник fx-/);
      if (facts.includes('Читать в источнике')) withLink += 1;
      else {
        expect(facts, file).toMatch(/<dt>Оригинал<\/dt>\s*<dd>лента источника не дала ссылки на оригинал<\/dd>/);
        without += 1;
      }
    }
    expect(withLink).toBeGreaterThan(10);
    expect(without).toBeGreaterThan(10);
  });

  it('agrees item counts with their number', () => {
    const russian = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? 'новость' : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? 'новости' : 'новостей');
    let checked = 0;
    for (const file of ['/ru/index.html', '/ru/tasks/index.html', '/ru/regions/index.html', '/en/tasks/index.html', '/ru/archive/index.html']) {
      for (const match of html.get(file)!.matchAll(/<(?:p|span) class="count">\(?([\d\u00a0]+) ([a-zа-яё]+)\)?<\/(?:p|span)>/g)) {
        const n = Number(match[1]!.replace(/\u00a0/g, ''));
        expect(match[2], `${file}: ${match[0]}`).toBe(file.startsWith('/ru/') ? russian(n) : n === 1 ? 'item' : 'items');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('agrees "any" with its noun in the Russian search filters', () => {
    const page = html.get('/ru/search/index.html')!;
    expect(page).toMatch(/<select id="search-task" name="task"> <option value="">любая<\/option>/);
    expect(page).toMatch(/<select id="search-region" name="region"> <option value="">любой<\/option>/);
  });

  it('keeps dates, sources and badges of item pages out of the search excerpts', () => {
    for (const [file, page] of html) {
      if (!/^\/(ru|en)\/news\//.test(file)) continue;
      expect(page, file).toMatch(/<p class="meta" data-pagefind-ignore>/);
      if (page.includes('class="badges"')) expect(page, file).toMatch(/<p class="badges" data-pagefind-ignore>/);
    }
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
    // x-default names the Russian page, as the pages themselves declare.
    expect(text).toContain(`<xhtml:link rel="alternate" hreflang="x-default" href="${SITE_URL}/ru/"/>`);
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
  it('has one Pagefind index per language in each segment, together covering the item pages', async () => {
    const { segments } = JSON.parse(await read('/pagefind/segments.json')) as { segments: { name: string }[] };
    expect(segments.length).toBeGreaterThan(0);
    const counts = { ru: 0, en: 0 };
    for (const segment of segments) {
      const entry = JSON.parse(await read(`/pagefind/${segment.name}/pagefind-entry.json`));
      expect(Object.keys(entry.languages).sort(), segment.name).toEqual(['en', 'ru']);
      counts.ru += entry.languages.ru.page_count;
      counts.en += entry.languages.en.page_count;
    }
    const items = [...html.keys()].filter((file) => /^\/ru\/news\//.test(file)).length;
    expect(counts).toEqual({ ru: items, en: items });
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
    const withImage = site.documents.filter((doc) => doc._type === 'newsItem' && typeof doc.image === 'string' && String(doc.image).startsWith(site.imageBase) && !String(doc.image).endsWith('bomb.png') && doc.health === true && doc.reviewStatus !== 'rejected');
    expect(withImage.length).toBeGreaterThan(0);
    expect(withImage.some((doc) => typeof doc.imageAlt === 'string')).toBe(true);
    for (const doc of withImage) {
      const file = [...html.keys()].find((name) => name.startsWith('/ru/news/') && name.endsWith(`-${shortId(doc._id)}/index.html`))!;
      const text = html.get(file)!;
      expect(text, file).not.toContain(String(doc.image));
      const sources = tags(text, 'source');
      expect(sources.map((tag) => tag.attributes.type), file).toEqual(['image/avif', 'image/webp']);
      for (const candidate of sources.flatMap((tag) => tag.attributes.srcset!.split(', ').map((entry) => entry.split(' ')[0]!))) {
        expect(files, candidate).toContain(candidate);
      }
      // The main image loads first, described by the feed's text when there is one (else decorative).
      const img = tags(text, 'img')[0]!;
      expect(img.attributes, file).toMatchObject({ width: '960', height: '540', alt: typeof doc.imageAlt === 'string' ? doc.imageAlt : '', loading: 'eager', fetchpriority: 'high' });
    }
  });

  it('refuses the pixel bomb with a logged reason and shows no image for it', async () => {
    const bomb = site.documents.find((doc) => String(doc.image ?? '').endsWith('bomb.png'))!;
    const manifest = JSON.parse(await readFile(path.join(site.dataDir, 'images/manifest.json'), 'utf8'));
    expect(manifest[String(bomb.image)]).toMatchObject({ status: 'refused', code: 'image_too_many_pixels' });
    const log = await readFile(path.join(site.outDir, '..', 'build.log'), 'utf8');
    expect(log).toMatch(/refused image_too_many_pixels: .*bomb\.png: 30000×30000/);
  });

  it('refuses an image on a private address with a logged reason, without fetching it', async () => {
    const manifest = JSON.parse(await readFile(path.join(site.dataDir, 'images/manifest.json'), 'utf8'));
    expect(manifest[PRIVATE_IMAGE]).toMatchObject({ status: 'refused', code: 'image_address_private' });
    const log = await readFile(path.join(site.outDir, '..', 'build.log'), 'utf8');
    expect(log).toContain(`refused image_address_private: ${PRIVATE_IMAGE}: 169.254.169.254 is a linkLocal address`);
  });
});
