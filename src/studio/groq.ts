// The studio's lists and search ask for `<fields> match text::query($q)`,
// Sanity's full-text search, which groq-js does not implement. The local API
// rewrites it to groq-js's `match` over the text fields editors search by (a
// title, a summary, a name, an id); `*` or nothing matches everything.

/** The fields a local text search looks at. */
export const LOCAL_SEARCH_FIELDS = ['_id', 'title', 'summary', 'title.ru', 'title.en', 'name.ru', 'name.en', 'translations.en.title', 'translations.ru.title', 'feedUrl', 'author'];

const TEXT_QUERY = /(\[[^[\]]*\]|[\w.@]+)\s+match\s+text::query\(\s*\$(\w+)\s*\)/g;

/** The query and parameters groq-js can run; unchanged when the query has no `text::query`. */
export function adaptQuery(query: string, params: Record<string, unknown>): { query: string; params: Record<string, unknown> } {
  if (!query.includes('text::query')) return { query, params };
  const adapted = { ...params };
  const rewritten = query.replace(TEXT_QUERY, (_whole, _fields: string, name: string) => {
    const text = typeof params[name] === 'string' ? (params[name] as string).trim() : '';
    if (text === '' || text === '*') return 'true';
    // Excluded terms (`-word`) are left out: the search is wider, never empty by mistake.
    const terms = text
      .split(/\s+/)
      .filter((term) => !term.startsWith('-'))
      .map((term) => term.replace(/^\+|["']/g, ''))
      .filter((term) => term !== '');
    if (terms.length === 0) return 'true';
    adapted[`__local_${name}`] = terms;
    return `[${LOCAL_SEARCH_FIELDS.join(', ')}] match $__local_${name}`;
  });
  return { query: rewritten, params: adapted };
}
