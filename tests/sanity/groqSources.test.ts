// No GROQ is assembled from strings anywhere in the project: every query is a
// literal in a queries module (src/lib/content/queries.ts, sanity/queries.ts)
// and values reach it through $params. This reads every source file and fails
// on a template literal that interpolates into GROQ, or on GROQ glued with `+`.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FOLDERS = ['src', 'sanity', 'scripts', 'tests'];
const EXTENSIONS = /\.(ts|tsx|mts|mjs|astro)$/;
const SKIP = /(^|\/)(node_modules|testdata|fixtures\/.*\.json|\.sanity|\.astro)(\/|$)/;

/** Pieces of text that mark a string as GROQ. */
const GROQ_MARKERS = [/\*\[/, /\|\s*order\(/, /_type\s*(==|in)\s/, /\bcount\(\*/, /\bdefined\(/, /\bcoalesce\(/, /(\w|\])->/, /\$\w+\s*\]/];

function sourceFiles(): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && EXTENSIONS.test(entry.name))
      .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
      // This file's own examples of what the check catches are data, not queries.
      .filter((file) => !SKIP.test(file) && file !== path.relative(ROOT, import.meta.filename)),
  );
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;
const looksLikeGroq = (text: string) => GROQ_MARKERS.some((marker) => marker.test(text));

/** Template literals (backtick strings) with their position; nested ones inside `${…}` are found on their own. */
function templateLiterals(text: string): { body: string; index: number }[] {
  return [...text.matchAll(/`(?:\\[\s\S]|[^`\\])*`/g)].map((match) => ({ body: match[0], index: match.index }));
}

export function groqBuiltFromStrings(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const literal of templateLiterals(text)) {
    if (literal.body.includes('${') && looksLikeGroq(literal.body.replace(/\$\{[^}]*\}/g, ''))) {
      problems.push(`${file}:${lineOf(text, literal.index)}: GROQ in a template literal with \${…}: ${literal.body.slice(0, 80)}`);
    }
  }
  for (const match of text.matchAll(/(['"`])((?:\\.|(?!\1).)*)\1\s*\+|\+\s*(['"`])((?:\\.|(?!\3).)*)\3/g)) {
    const body = match[2] ?? match[4] ?? '';
    if (looksLikeGroq(body)) problems.push(`${file}:${lineOf(text, match.index)}: GROQ glued with +: ${match[0].slice(0, 80)}`);
  }
  return problems;
}

describe('GROQ in the source tree', () => {
  const files = sourceFiles();

  it('reads the whole tree (the queries modules included)', () => {
    expect(files).toEqual(expect.arrayContaining(['src/lib/content/queries.ts', 'sanity/queries.ts', 'src/pipeline/store/sanity.ts', 'sanity/structure/filters.ts']));
    expect(files.length).toBeGreaterThan(150);
  });

  it('is never assembled from strings', () => {
    const problems = files.flatMap((file) => groqBuiltFromStrings(file, readFileSync(path.join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  it.each([
    ['const q = `*[${filter}]`;', 1],
    ['const q = `*[_type == "newsItem"] | order(${field} desc)`;', 1],
    ["const q = '*[_type == \"x\" && ' + filter + ']';", 1],
    ['const q = `count(*[_type == $type])`;', 0],
    ['const path = `${dir}/dataset.ndjson`;', 0],
    ['const q = `*[_type == "newsItem"]{ "source": source->${field} }`;', 1],
    ['const arrow = `${from}->${to}`;', 0],
    ["const message = `${count} items` + ' seen';", 0],
  ])('the check itself: %s → %i problem(s)', (code, count) => {
    expect(groqBuiltFromStrings('x.ts', code)).toHaveLength(count);
  });
});
