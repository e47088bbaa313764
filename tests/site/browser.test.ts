import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite, type RunningServer } from '../../src/service/serve.ts';
import { hasChromium, launch, type Browser } from './helpers/browser.ts';
import { ensureSite, ROOT, type BuiltSite } from './helpers/siteBuild.ts';

// The built fixture site, served by the real standalone server on 127.0.0.1,
// in headless Debian chromium.

const require = createRequire(import.meta.url);
let site: BuiltSite;
let server: RunningServer;
let browser: Browser;
let base: string;
let axeSource: string;

beforeAll(async () => {
  if (!hasChromium()) throw new Error('chromium not found at /usr/bin/chromium: apt-get install -y chromium (see .ci/run)');
  site = await ensureSite();
  const served = await serveSite({ root: ROOT, outDir: site.outDir, dataDir: site.dataDir, port: 0, log: () => {} });
  if (!served.ok) throw new Error(served.error.message);
  server = served.value;
  base = server.url.replace(/\/$/, '');
  browser = await launch();
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page loaded in the browser; anything the site's Content-Security-Policy refused while loading fails the test. */
async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const response = await page.goto(`${base}${path}`);
  expect(response?.status(), path).toBe(200);
  expect(refused, path).toEqual([]);
  return page;
}

const firstItemPath = async (lang: string) => {
  const page = await open(`/${lang}/`);
  const href = await page.locator('.items a[href*="/news/"]').first().getAttribute('href');
  await page.close();
  return href!;
};

describe('pages in a browser', () => {
  it('renders the home page with the latest items', async () => {
    const page = await open('/ru/');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('h1').textContent()).toBe('Региональные новости здравоохранения');
    expect(await page.locator('.items .card').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('main h2').count()).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it.each([
    ['ru-RU', '/ru/'],
    ['en-US', '/en/'],
  ])('goes from / to the home of the browser language %s (%s), by a redirect', async (locale, home) => {
    const localized = await launch({ locale });
    try {
      const page = await localized.context.newPage();
      const response = await page.goto(`${base}/`);
      expect(new URL(page.url()).pathname).toBe(home);
      expect(response?.request().redirectedFrom()?.url()).toBe(`${base}/`);
    } finally {
      await localized.close();
    }
  });

  it.each(['/ru/tasks/workforce/', '/ru/archive/', '/en/regions/murmansk/'])('keeps the reader on the same page when switching language from %s', async (path) => {
    const page = await open(path);
    const other = path.startsWith('/ru/') ? 'en' : 'ru';
    await page.locator(`nav.lang-switch a[hreflang="${other}"]`).click();
    await page.waitForLoadState('domcontentloaded');
    expect(new URL(page.url()).pathname).toBe(path.replace(/^\/(ru|en)\//, `/${other}/`));
    expect(await page.locator('html').getAttribute('lang')).toBe(other);
    await page.close();
  });

  it('keeps the reader on an item page when switching language', async () => {
    const path = await firstItemPath('ru');
    const page = await open(path);
    await page.locator('nav.lang-switch a[hreflang="en"]').click();
    await page.waitForURL(`${base}${path.replace('/ru/', '/en/')}`);
    await page.close();
  });

  it.each([
    ['/ru/news/no-such-item-00000000/', 'ru', 'Страница не найдена', 0],
    ['/en/news/no-such-item-00000000/', 'en', 'Page not found', 0],
    ['/no-such-page/', 'ru', 'Страница не найдена', 1],
  ])('answers 404 for %s in its language', async (path, lang, heading, englishSections) => {
    const page = await browser.context.newPage();
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.locator('h1').textContent()).toBe(heading);
    expect(await page.locator('section[lang="en"]').count()).toBe(englishSections);
    await page.close();
  });

  it('reports the dataset on /api/health', async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(200);
    const health = await response.json();
    const items = site.documents.filter((doc) => doc._type === 'newsItem').length;
    expect(health).toMatchObject({ status: 'degraded', items, documents: site.documents.length, lastIngest: '2026-11-18T12:00:00.000Z' });
    expect(health.failingSources.map((source: { id: string }) => source.id)).toEqual(['fx-broken']);
    // Status, counts and codes only: no file path of the dataset, no raw error message.
    expect(health.content).toBe('local');
    expect(Object.keys(health.failingSources[0]).sort()).toEqual(['at', 'code', 'consecutiveFailures', 'id']);
    expect(JSON.stringify(health)).not.toContain(site.dataDir);
  });
});

describe('search', () => {
  it('finds an inflected Russian word (stemmed index), within the Content-Security-Policy', async () => {
    // Titles say «Поликлинику …» (accusative singular); the queries are the bare stem and the instrumental plural.
    const page = await browser.context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    const response = await page.goto(`${base}/ru/search/?q=${encodeURIComponent('поликлиник')}`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.locator('.search-results li').first().waitFor({ timeout: 15_000 });
    const titles = await page.locator('.search-results li h2').allTextContents();
    expect(titles.some((title) => /Поликлинику/.test(title))).toBe(true);
    await page.locator('#search-q').fill('поликлиниками');
    await page.locator('.search-form button').click();
    await expect.poll(() => page.locator('[data-search-status]').textContent(), { timeout: 15_000 }).toMatch(/^Найдено: [1-9]/);
    const found = await page.locator('.search-results li').allTextContents();
    expect(found.some((text) => /Поликлинику/.test(text))).toBe(true);
    expect(refused).toEqual([]);
    await page.close();
  });

  it('filters by task', async () => {
    const page = await open('/en/search/');
    await page.locator('#search-q').fill('hospital');
    await page.locator('#search-task').selectOption({ label: 'Medical infrastructure' });
    await page.locator('.search-form button').click();
    await expect.poll(() => page.locator('[data-search-status]').textContent(), { timeout: 15_000 }).toMatch(/results|Nothing/);
    const hrefs = await page.locator('.search-results a').evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).pathname));
    for (const href of hrefs) {
      const item = await open(href);
      expect(await item.locator('a[data-pagefind-filter="task"]').allTextContents()).toContain('Medical infrastructure');
      await item.close();
    }
    await page.close();
  });

  it('shows excerpts of the text, without the date, source or badges', async () => {
    const page = await open(`/ru/search/?q=${encodeURIComponent('поликлиник')}`);
    await page.locator('.search-results li').first().waitFor({ timeout: 15_000 });
    const excerpts = await page.locator('.search-results li p').allTextContents();
    expect(excerpts.length).toBeGreaterThan(0);
    for (const excerpt of excerpts) {
      expect(excerpt).not.toMatch(/\d{1,2}:\d{2}|не проверено редактором|пример данных|Источник fx-/);
      expect(excerpt).toMatch(/[а-яё]{4,}/i);
    }
    await page.close();
  });

  it('degrades to the archive without JavaScript', async () => {
    const noScript = await launch({ javaScriptEnabled: false });
    try {
      const page = await noScript.context.newPage();
      await page.goto(`${base}/ru/search/`);
      expect(await page.locator('form[data-search]').isVisible()).toBe(false);
      expect(await page.locator('noscript').count()).toBe(1);
      const months = page.locator('[data-search-fallback] a[href*="/archive/"]');
      expect(await months.count()).toBeGreaterThan(3);
      await months.first().click();
      await page.waitForURL(/\/ru\/archive\/\d{4}\/\d{2}\/$/);
    } finally {
      await noScript.close();
    }
  });
});

describe('accessibility', () => {
  async function tabThrough(page: Page): Promise<string[]> {
    const reached: string[] = [];
    await page.locator('body').press('Tab');
    for (let step = 0; step < 400; step++) {
      const href = await page.evaluate(() => (document.activeElement instanceof HTMLAnchorElement ? document.activeElement.href : null));
      if (href !== null) {
        if (reached.length > 0 && href === reached[0] && step > 1) break;
        reached.push(href);
      }
      await page.keyboard.press('Tab');
    }
    return reached;
  }

  it.each(['/ru/', 'ITEM'])('reaches every link of %s with the keyboard alone, starting with the skip link', async (which) => {
    const path = which === 'ITEM' ? await firstItemPath('en') : which;
    const page = await open(path);
    const all = await page.locator('a[href]').evaluateAll((anchors) => anchors.filter((anchor) => (anchor as HTMLElement).offsetParent !== null || anchor.classList.contains('skip-link')).map((anchor) => (anchor as HTMLAnchorElement).href));
    const reached = await tabThrough(page);
    expect(reached[0]).toBe(`${base}${path}#main`);
    expect(new Set(reached)).toEqual(new Set(all));
    await page.close();
  });

  it('moves focus to the main content with the skip link', async () => {
    const page = await open('/en/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('shows a visible focus indicator', async () => {
    const page = await open('/ru/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const style = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { outline: style.outlineStyle, width: style.outlineWidth, shadow: style.boxShadow };
    });
    expect(style.outline).toBe('solid');
    expect(parseFloat(style.width)).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('reflows at 200 % zoom (640 CSS px wide) without horizontal scrolling', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 640, height: 800 });
    for (const path of ['/ru/', await firstItemPath('ru'), '/ru/sources/', '/en/tasks/']) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.close();
  });

  it.each(['/ru/', '/en/', 'ITEM-ru', 'ITEM-en', '/ru/tasks/workforce/', '/en/regions/luhansk/', '/ru/sources/', '/en/monitoring/', '/ru/search/', '/en/about/', '/ru/archive/', '/en/feeds/', '/ru/methodology/'])(
    'has no serious or critical axe-core violations on %s',
    async (which) => {
      const path = which.startsWith('ITEM') ? await firstItemPath(which.slice(5)) : which;
      const page = await open(path);
      await page.evaluate(axeSource); // not a <script> tag: the site's Content-Security-Policy refuses inline scripts
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
        return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) }));
      });
      expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'), path).toEqual([]);
      await page.close();
    },
  );
});

describe('small screens (390 px wide)', () => {
  async function narrow(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    return page;
  }

  it.each(['/ru/', '/en/', 'ITEM-ru', 'ITEM-en', '/ru/search/', '/en/search/', '/ru/monitoring/', '/en/monitoring/', '/ru/sources/', '/en/sources/', '/ru/tasks/infrastructure/', '/en/regions/murmansk/', '/ru/archive/'])(
    'does not scroll sideways on %s',
    async (which) => {
      const path = which.startsWith('ITEM') ? await firstItemPath(which.slice(5)) : which;
      const page = await narrow(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.close();
    },
  );

  it('keeps the monitoring chart at its drawn size in a box that scrolls, with a visible cue', async () => {
    const page = await narrow('/en/monitoring/');
    const chart = await page.locator('.chart-scroll').evaluate((box) => {
      const svg = box.querySelector('svg')!;
      const label = svg.querySelector('text')!;
      return {
        drawn: svg.viewBox.baseVal.width,
        shown: svg.getBoundingClientRect().width,
        label: label.getBoundingClientRect().height,
        scrolls: box.scrollWidth > box.clientWidth,
        focusable: box.tabIndex === 0,
        name: box.getAttribute('aria-label'),
      };
    });
    expect(chart.shown).toBeGreaterThanOrEqual(chart.drawn);
    expect(chart.label).toBeGreaterThanOrEqual(11);
    expect(chart).toMatchObject({ scrolls: true, focusable: true, name: 'Items per cluster task and region by month' });
    const hints = page.locator('.scroll-hint');
    expect(await hints.count()).toBe(2);
    for (const hint of await hints.all()) expect(await hint.isVisible()).toBe(true);
    const table = await page.locator('.table-wrap.scroll-x').evaluate((box) => ({ scrolls: box.scrollWidth > box.clientWidth, focusable: box.tabIndex === 0 }));
    expect(table).toEqual({ scrolls: true, focusable: true });
    // Scrolled to its end, the table's first column (the task) stays in view.
    const sticky = await page.locator('.table-wrap.scroll-x').evaluate((box) => {
      box.scrollLeft = box.scrollWidth;
      const header = box.querySelector('tbody th')!.getBoundingClientRect();
      return header.left >= box.getBoundingClientRect().left - 1;
    });
    expect(sticky).toBe(true);
    await page.close();
  });

  it('shows no scroll cue on a wide screen', async () => {
    const page = await open('/en/monitoring/');
    for (const hint of await page.locator('.scroll-hint').all()) expect(await hint.isVisible()).toBe(false);
    await page.close();
  });

  it('shows each source as a card with labelled facts, nothing cut off', async () => {
    const page = await narrow('/ru/sources/');
    const rows = await page.locator('.responsive-table tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        display: getComputedStyle(row).display,
        right: Math.max(...[...row.querySelectorAll('th, td')].map((cell) => cell.getBoundingClientRect().right)),
        labels: [...row.querySelectorAll('td')].map((cell) => getComputedStyle(cell, '::before').content),
      })),
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(row.display).toBe('block');
      expect(row.right).toBeLessThanOrEqual(390);
      expect(row.labels[0]).toMatch(/Регион/);
    }
    // Still a table to assistive technology.
    expect(await page.getByRole('table').count()).toBe(1);
    expect(await page.getByRole('columnheader').count()).toBe(6);
    await page.close();
  });

  it('keeps the sample-data banner compact, inside the header landmark', async () => {
    const page = await narrow('/ru/');
    const banner = page.locator('.sample-banner');
    expect(await banner.isVisible()).toBe(true);
    expect((await banner.boundingBox())!.height).toBeLessThanOrEqual(80);
    expect(await banner.evaluate((node) => node.closest('header') !== null)).toBe(true);
    expect(await banner.textContent()).toMatch(/Демонстрационные данные/);
    await page.evaluate(axeSource); // not a <script> tag: the site's Content-Security-Policy refuses inline scripts
    const region = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: { id: string }[] }> } }).axe;
      return (await axe.run(document, { runOnly: { type: 'rule', values: ['region'] } })).violations.map((violation) => violation.id);
    });
    expect(region).toEqual([]);
    await page.close();
  });
});
