// The check behind the sanitizer tests (and usable by any audit of stored
// items): parse HTML the way a browser would read it again and list every
// construct that could run script or change the page. The rules are those of
// the XSS corpus README: script and frame-like elements, forms, meta/base/
// link/style, SVG/MathML, event-handler attributes, style attributes, and
// URL attributes with javascript:/vbscript:/livescript:/data: schemes in any
// spelling (entities, whitespace and control characters are undone first).
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

const FORBIDDEN_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'textarea',
  'select', 'meta', 'base', 'link', 'style', 'svg', 'math', 'template', 'noscript', 'xmp', 'plaintext',
  'noembed', 'noframes', 'isindex', 'portal',
]);

const URL_ATTRIBUTES = new Set([
  'href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'dynsrc', 'lowsrc', 'cite',
  'data', 'codebase', 'srcset', 'longdesc', 'usemap', 'manifest', 'ping', 'itemtype', 'profile', 'classid',
]);

const DANGEROUS_SCHEME = /^(?:javascript|vbscript|livescript|data|mhtml|jar):/;

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** A URL attribute value the way a browser compares its scheme: no whitespace or controls, lower case. */
function schemeView(value: string): string {
  return value.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]/g, '').toLowerCase();
}

/** Every forbidden construct in `html`, as short descriptions; empty when the HTML is safe. */
export function findForbiddenHtml(html: string): string[] {
  const found: string[] = [];
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const visit = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (!isElement(node)) continue;
      const name = node.name.toLowerCase();
      const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
      if (FORBIDDEN_ELEMENTS.has(local)) found.push(`<${name}> element`);
      for (const [attribute, value] of Object.entries(node.attribs)) {
        const attr = attribute.toLowerCase();
        if (/^on/.test(attr) || /[^a-z]on[a-z]+$/.test(attr)) found.push(`${attr} handler on <${name}>`);
        if (attr === 'style') {
          found.push(`style attribute on <${name}>`);
        }
        if (URL_ATTRIBUTES.has(attr) || attr.endsWith(':href')) {
          const view = schemeView(value);
          if (DANGEROUS_SCHEME.test(view)) found.push(`${attr}="${view.slice(0, 30)}" on <${name}>`);
        }
      }
      visit(node.children);
    }
  };
  visit(document.children);
  if (/<script/i.test(html)) found.push('"<script" in the text');
  return found;
}
