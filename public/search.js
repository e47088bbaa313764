// The site's only JavaScript: Pagefind search over the index of the page's
// language (Pagefind picks it from <html lang>), in segments (src/lib/site/search.ts). Without JavaScript the form
// stays hidden and the search page is a list of archive months.
// A plain static file, not bundled: Pagefind's own module is loaded at run
// time from /pagefind/<segment>/, which the bundler must not try to resolve.

const form = document.querySelector('form[data-search]');
const status = document.querySelector('[data-search-status]');
const list = document.querySelector('[data-search-results]');

if (form && status && list) {
  const messages = JSON.parse(form.dataset.messages || '{}');
  form.hidden = false;
  // The index comes in segments of the archive (newest first, listed in
  // segments.json): the first is loaded and the others merged into it.
  const loadSegments = async () => {
    const response = await fetch('/pagefind/segments.json');
    if (!response.ok) throw new Error(`/pagefind/segments.json: HTTP ${response.status}`);
    const { segments } = await response.json();
    if (segments.length === 0) return { search: async () => ({ results: [] }) };
    const engine = await import(`/pagefind/${segments[0].name}/pagefind.js`);
    for (const segment of segments.slice(1)) await engine.mergeIndex(`/pagefind/${segment.name}/`);
    return engine;
  };
  let pagefind = null;
  const load = () => {
    pagefind ??= loadSegments();
    return pagefind;
  };

  const run = async () => {
    const data = new FormData(form);
    const query = String(data.get('q') || '').trim();
    const filters = {};
    for (const name of ['task', 'region']) {
      const value = String(data.get(name) || '');
      if (value) filters[name] = value;
    }
    list.replaceChildren();
    if (!query) {
      status.textContent = '';
      return;
    }
    status.textContent = messages.loading;
    const engine = await load();
    const search = await engine.search(query, { filters });
    const top = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
    for (const result of top) {
      const item = document.createElement('li');
      const heading = document.createElement('h2');
      heading.className = 'h3';
      const link = document.createElement('a');
      link.href = result.url;
      link.textContent = result.meta.title || result.url;
      heading.append(link);
      const excerpt = document.createElement('p');
      // Pagefind's excerpt is the page's escaped text with <mark> around matches.
      excerpt.innerHTML = result.excerpt;
      item.append(heading, excerpt);
      list.append(item);
    }
    status.textContent =
      search.results.length === 0 ? messages.noResults : messages.results.replace('{count}', String(search.results.length));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) params.set(name, String(value));
    history.replaceState(null, '', `${location.pathname}?${params}`);
    run().catch((error) => {
      status.textContent = String(error);
    });
  });

  const initial = new URLSearchParams(location.search);
  for (const name of ['q', 'task', 'region']) {
    const field = form.elements.namedItem(name);
    const value = initial.get(name);
    if (field && value) field.value = value;
  }
  if (initial.get('q')) form.requestSubmit();
}
