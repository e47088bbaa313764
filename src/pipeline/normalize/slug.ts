import translit from './translit.json' with { type: 'json' };

const TABLE: Readonly<Record<string, string>> = translit.map;

/** Cyrillic letters to ASCII by the table in translit.json; other characters pass through. */
export function transliterate(text: string): string {
  let out = '';
  for (const char of text.toLowerCase()) out += TABLE[char] ?? char;
  return out;
}

/**
 * A readable ASCII slug: transliterated, accents dropped, words joined by '-',
 * cut at a word boundary so a long headline does not make a long URL.
 */
export function slugify(text: string, maxLength = 60): string {
  const words = transliterate(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > maxLength) {
      if (slug === '') slug = word.slice(0, maxLength);
      break;
    }
    slug = next;
  }
  return slug;
}

/**
 * The short stable part of an item URL: 8 hex characters of the dataset id
 * (`item-<24 hex>`), enough to keep the 1-in-4-billion collision odds far
 * beyond the network's volume; ids not of that form are slugified whole.
 */
export function shortId(documentId: string): string {
  const hex = /^item-([0-9a-f]{8,})$/.exec(documentId);
  return hex ? hex[1]!.slice(0, 8) : slugify(documentId, 40);
}

/** `/{lang}/news/{slug}/`: the readable part from the title, then the stable id. */
export function itemSlug(title: string, documentId: string): string {
  const readable = slugify(title);
  const id = shortId(documentId);
  return readable === '' ? id : `${readable}-${id}`;
}
