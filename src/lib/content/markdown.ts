import { satteri } from '@astrojs/markdown-satteri';
import sanitizeHtml from 'sanitize-html';

// Page bodies (about, methodology) are Markdown in the dataset. They are
// rendered with Astro's own Markdown processor, so a page reads as the
// project's .md files always did (GitHub tables, heading ids, smart
// punctuation), and the HTML is then sanitized: the text comes from an
// editor's form, and no markup an editor can type may run in a reader's browser.

type Renderer = Awaited<ReturnType<ReturnType<typeof satteri>['createRenderer']>>;
let renderer: Promise<Renderer> | null = null;

const HEADINGS = ['h2', 'h3', 'h4', 'h5', 'h6'];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...HEADINGS, 'p', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'sup', 'sub'],
  allowedAttributes: { a: ['href', 'title'], ...Object.fromEntries(HEADINGS.map((tag) => [tag, ['id']])), th: ['align'], td: ['align'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // The page's own title is its only <h1>.
  transformTags: { h1: 'h2' },
  disallowedTagsMode: 'discard',
};

/** A page body as safe HTML. */
export async function renderPageMarkdown(markdown: string): Promise<string> {
  renderer ??= satteri().createRenderer({ syntaxHighlight: false });
  const { code } = await (await renderer).render(markdown);
  return sanitizeHtml(code, SANITIZE);
}
