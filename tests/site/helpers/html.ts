// Small readers for our own built HTML. The output is Astro's, attribute
// values are always double-quoted, so a tag-level regex is enough here; this
// is not a general HTML parser.

export type Tag = { name: string; attributes: Record<string, string> };

const decode = (value: string): string =>
  value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function tags(html: string, name: string): Tag[] {
  const out: Tag[] = [];
  for (const match of html.matchAll(new RegExp(`<${name}(\\s[^>]*)?>`, 'gi'))) {
    const attributes: Record<string, string> = {};
    for (const attribute of (match[1] ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attributes[attribute[1]!.toLowerCase()] = decode(attribute[2] ?? '');
    out.push({ name, attributes });
  }
  return out;
}

export const htmlLang = (html: string): string | undefined => tags(html, 'html')[0]?.attributes.lang;

export function links(html: string, rel: string): Tag[] {
  return tags(html, 'link').filter((tag) => tag.attributes.rel?.split(/\s+/).includes(rel));
}

/** `<script>` elements that run code (JSON-LD and other data blocks do not). */
export function executableScripts(html: string): Tag[] {
  return tags(html, 'script').filter((tag) => {
    const type = tag.attributes.type;
    return type === undefined || type === '' || type === 'module' || /javascript|ecmascript/.test(type);
  });
}

export function jsonLdBlocks(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => JSON.parse(match[1]!));
}

export const anchors = (html: string): string[] => tags(html, 'a').map((tag) => tag.attributes.href).filter((href): href is string => href !== undefined);
