import { normalizeWord } from '../tag/text.ts';

/** What the name functions need of the story rules. */
export type NameTables = {
  transliteration: ReadonlyMap<string, string>;
  /** [from, to] pairs, longest `from` first. */
  skeleton: readonly [string, string][];
};

/** Latin letters for a Cyrillic (or Latin) word, by the rules' table. */
export function transliterate(word: string, tables: NameTables): string {
  let out = '';
  for (const char of normalizeWord(word)) out += tables.transliteration.get(char) ?? char;
  return out;
}

/**
 * A spelling-independent key for a name: transliterated, variants folded
 * (kh/h/g, zh/z, ts/c...), vowels after the first letter dropped, doubles
 * collapsed, cut to 4 letters. "Мурашко", "Murashko" → "mrsk"; "Луганск",
 * "Luhansk", "Lugansk" → "lgns"; "Ходжаева", "Khodzhaev" → "gdzv". Case
 * endings mostly fall off with the cut.
 */
export function nameKey(word: string, tables: NameTables): string {
  let latin = transliterate(word, tables).replace(/[^a-z]/g, '');
  for (const [from, to] of tables.skeleton) latin = latin.replaceAll(from, to);
  let key = latin[0] ?? '';
  for (let i = 1; i < latin.length && key.length < 4; i++) {
    const char = latin[i]!;
    if ('aeiou'.includes(char) || char === key[key.length - 1]) continue;
    key += char;
  }
  return key;
}
