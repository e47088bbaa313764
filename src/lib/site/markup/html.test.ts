import { describe, expect, it } from 'vitest';
import { attr, html, SafeHtml, type HtmlValue } from './html.ts';

describe('html', () => {
  it.each<[string, HtmlValue, string]>([
    ['text is escaped as Astro escapes it', `<script>alert('x') & "y"</script>`, '<p>&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;</p>'],
    ['a number is written as it is', 42, '<p>42</p>'],
    ['null renders nothing', null, '<p></p>'],
    ['undefined renders nothing', undefined, '<p></p>'],
    ['false renders nothing (a && condition)', false, '<p></p>'],
    ['the empty string renders nothing', '', '<p></p>'],
    ['markup goes in as it is', new SafeHtml('<b>bold</b>'), '<p><b>bold</b></p>'],
    ['a list renders each entry, escaped or not', ['a<', new SafeHtml('<br>'), null, 'b&'], '<p>a&lt;<br>b&amp;</p>'],
    ['nested lists', [['x'], [[new SafeHtml('<i>y</i>')]]], '<p>x<i>y</i></p>'],
  ])('%s', (_name, value, expected) => {
    expect(html`<p>${value}</p>`.value).toBe(expected);
  });

  it('a nested template is markup, its own values escaped once', () => {
    const inner = html`<a href="/x">${'Tom & Jerry'}</a>`;
    expect(html`<li>${inner}</li>`.value).toBe('<li><a href="/x">Tom &amp; Jerry</a></li>');
  });

  it('the string of a template is its markup', () => {
    expect(String(html`<p>${'<'}</p>`)).toBe('<p>&lt;</p>');
  });
});

describe('attr', () => {
  it.each<[string, string | number | null | undefined, string]>([
    ['a value', 'ru', ' lang="ru"'],
    ['a number', 480, ' lang="480"'],
    ['null leaves the attribute out', null, ''],
    ['undefined leaves the attribute out', undefined, ''],
    ['the empty string gives the bare name', '', ' lang'],
    ['& and " are escaped, < > and \' need not be inside double quotes', `a&b "c" <d> 'e'`, ` lang="a&amp;b &quot;c&quot; <d> 'e'"`],
  ])('%s', (_name, value, expected) => {
    expect(attr('lang', value).value).toBe(expected);
  });

  it('cannot be broken out of by a value', () => {
    const markup = html`<a${attr('href', '" onclick="alert(1)')}>x</a>`.value;
    expect(markup).toBe('<a href="&quot; onclick=&quot;alert(1)">x</a>');
  });
});
