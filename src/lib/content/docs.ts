/// <reference types="vite/client" />
/** A rendered Markdown document's component, as `import.meta.glob` gives it. */
export type DocComponent = (props: Record<string, never>) => unknown;

// Project documents the site shows. A glob instead of an import, so a missing
// file (docs/tagging.md is written by another part of the project) leaves the
// page on its fallback text instead of failing the build.
const tagging = import.meta.glob<{ Content: DocComponent }>('/docs/tagging.md', { eager: true });

/** The rendered tagging documentation, or null when docs/tagging.md does not exist. */
export function taggingDoc(): DocComponent | null {
  return Object.values(tagging)[0]?.Content ?? null;
}
