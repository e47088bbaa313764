import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderPageMarkdown } from './markdown.ts';

describe('page bodies', () => {
  it('render as the project\'s Markdown does: headings with ids, tables, code', async () => {
    const html = await renderPageMarkdown(readFileSync(path.resolve(import.meta.dirname, '../../../docs/tagging.md'), 'utf8'));
    expect(html).toContain('<h2 id="the-rules-are-data">The rules are data</h2>');
    expect(html).toMatch(/<table>\s*<thead>/);
    expect(html).toMatch(/<pre><code[^>]*>npm run eval -- \.\.\/shared\/eval\/dev\.jsonl\n/);
  });

  it.each([
    ['<script>alert(1)</script>\n\nText', '<script', 'Text'],
    ['[x](javascript:alert(1))', 'javascript:', '<a>x</a>'],
    ['<img src=x onerror="alert(1)">', 'onerror', ''],
    ['<a href="https://example.org" onclick="steal()">ok</a>', 'onclick', 'href="https://example.org"'],
    ['# A second title', '<h1', '<h2 id="a-second-title">A second title</h2>'],
  ])('keeps nothing that runs: %j', async (markdown, absent, present) => {
    const html = await renderPageMarkdown(markdown);
    expect(html).not.toContain(absent);
    expect(html).toContain(present);
  });
});
