import taxonomy from '../../../content/taxonomy.json' with { type: 'json' };
import type { Locale } from './locales.ts';

// A task's `seeds` field cites the network documents it comes from in a
// compact notation (`000 §1; 003 1г, 2а; 002 (gene dermatoses centre)`).
// Readers get the documents' titles and the sections' names instead, from
// `seedDocuments` in content/taxonomy.json, in the page's language.

type Localized = Record<Locale, string>;
export type SeedDocument = { code: string; title: Localized; kind: Localized; sections: Record<string, Localized> };

export const SEED_DOCUMENTS: readonly SeedDocument[] = taxonomy.seedDocuments as SeedDocument[];

/** One cited document with the sections cited from it, in citation order. */
export type SeedCitation = { code: string; sections: string[] };

/**
 * Parses the notation: `;`-separated citations, each a three-digit document
 * code and optional `,`-separated sections. A dash means "the whole document"
 * and is dropped; the same document cited twice is merged.
 */
export function parseSeeds(seeds: string | null | undefined): SeedCitation[] {
  const byCode = new Map<string, SeedCitation>();
  for (const part of (seeds ?? '').split(';')) {
    const match = /^\s*(\d{3})\b\s*(.*?)\s*$/.exec(part);
    if (!match) continue;
    const [, code, rest] = match as unknown as [string, string, string];
    const citation = byCode.get(code) ?? { code, sections: [] };
    byCode.set(code, citation);
    for (const section of rest.split(',').map((token) => token.trim())) {
      if (section !== '' && !/^[—–-]+$/.test(section) && !citation.sections.includes(section)) citation.sections.push(section);
    }
  }
  return [...byCode.values()];
}

/** A citation as a reader sees it. Unknown documents or sections keep their code (marked `known: false`). */
export type SeedReference = { code: string; title: string; kind: string | null; sections: { text: string; known: boolean }[]; known: boolean };

export function seedReferences(seeds: string | null | undefined, lang: Locale, documents: readonly SeedDocument[] = SEED_DOCUMENTS): SeedReference[] {
  const byCode = new Map(documents.map((document) => [document.code, document]));
  return parseSeeds(seeds).map((citation) => {
    const document = byCode.get(citation.code);
    const sections = citation.sections.map((section) => {
      const name = document?.sections[section]?.[lang];
      return name ? { text: name, known: true } : { text: section, known: false };
    });
    return document
      ? { code: citation.code, title: document.title[lang], kind: document.kind[lang], sections, known: true }
      : { code: citation.code, title: citation.code, kind: null, sections, known: false };
  });
}
