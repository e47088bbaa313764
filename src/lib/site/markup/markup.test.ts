import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { buildSiteModel, type RawContent } from '../model.ts';
import { itemListHtml } from './itemCard.ts';
import { itemPageParts } from './itemPage.ts';
import { layoutHeadHtml, siteHeaderHtml } from './layout.ts';

// The parts of pages made as strings escape what they show: text from feeds
// and editors reads back exactly as written and never becomes markup.
const HOSTILE = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `' onmouseover='alert(1)`,
  `Tom & Jerry &amp; <b>bold</b>`,
  `</title></head><body onload=alert(1)>`,
];

function content(text: string): RawContent {
  return {
    tasks: [{ _id: 'task-workforce', id: 'workforce', title: { ru: text, en: text } }],
    regions: [{ _id: 'region-murmansk', id: 'murmansk', title: { ru: 'Мурманская область', en: 'Murmansk Oblast' } }],
    sources: [{ _id: 'source-x', id: 'x', name: { ru: text, en: text }, siteUrl: `https://example.org/?q=${text}`, sample: true }],
    items: [
      {
        _id: 'item-1',
        slug: 'item-1',
        title: text,
        summary: text,
        link: `https://example.org/news?a=1&b="${text}"`,
        imageAlt: text,
        image: 'https://example.org/i.jpg',
        language: 'ru',
        publishedAt: '2026-07-01T10:00:00Z',
        reviewStatus: 'new',
        sourceId: 'source-x',
        suggestedTasks: [{ id: 'task-workforce', confidence: 0.8, evidence: [{ term: text, field: 'title', weight: 2 }] }],
      },
    ],
  };
}

const elements = (markup: string, name: string) => DomUtils.getElementsByTagName(name, parseDocument(markup).children, true);

describe('markup made as strings', () => {
  describe.each(HOSTILE)('with %j in every text', (text) => {
    const model = buildSiteModel(content(text));
    const item = model.items[0]!;
    const site = new URL('https://news.example.org');
    const image = { status: 'ok' as const, key: 'k', at: '2026-07-01T10:00:00Z', width: 960, height: 540, variants: [{ width: 960, height: 540, format: 'webp' as const, file: 'w960.webp' }] };
    const page = itemPageParts(model, item, 'ru', site, image);
    const card = itemListHtml(model, [item], { lang: 'ru', level: 3, showStory: false }).value;
    const layout = { lang: 'ru' as const, site, path: page.path, title: text, description: text, feeds: page.feeds, ogType: 'article' as const, noindex: false, localized: true, updatedAt: null, siteName: text, siteDescription: null, hasSample: true };
    const all = [page.head.value, page.body.value, card, layoutHeadHtml(layout).value, siteHeaderHtml(layout).value].join('\n');

    it('adds no element and no event handler', () => {
      expect(elements(all, 'script')).toHaveLength(0);
      expect(elements(all, 'b')).toHaveLength(0);
      expect(elements(all, 'body')).toHaveLength(0);
      const handlers = DomUtils.findAll((element) => Object.keys(element.attribs).some((name) => name.startsWith('on')), parseDocument(all).children);
      expect(handlers).toHaveLength(0);
      expect(elements(page.body.value, 'img')).toHaveLength(1);
    });

    it('shows the text as written', () => {
      expect(DomUtils.textContent(elements(page.body.value, 'h1')[0]!)).toBe(text);
      expect(DomUtils.textContent(elements(card, 'h3')[0]!)).toBe(text);
      expect(elements(page.body.value, 'img')[0]!.attribs.alt).toBe(text);
      expect(DomUtils.textContent(elements(layoutHeadHtml(layout).value, 'title')[0]!)).toContain(text);
      const original = elements(page.body.value, 'a').find((link) => link.attribs.rel === 'noopener external');
      expect(original?.attribs.href).toBe(`https://example.org/news?a=1&b="${text}"`);
      const tags = elements(page.head.value, 'meta').filter((meta) => meta.attribs.property === 'article:tag');
      expect(tags.map((meta) => meta.attribs.content)).toEqual([text]);
    });
  });
});
