import { defineQuery } from 'groq';

// The studio's own GROQ, wrapped in `defineQuery` like the site's
// (src/lib/content/queries.ts) so TypeGen finds it; `$params` only. The work
// lists' filters are constants in ./structure/filters.ts.

/** Task and region titles, for the suggested-tags input's labels (a few dozen documents). */
export const tagLabelsQuery = defineQuery(`*[_type in ["task", "region"]]{ _id, title }`);
