import { refOf, type DatasetDocument } from './documents.ts';
import { tagFields, type ItemTags } from './itemDocument.ts';
import { applyMutations, type Mutation } from './mutations.ts';
import { planStoryMutations, type StoryGrouper } from './plan.ts';
import type { DetectedLanguage } from '../model.ts';


export type Tagger = (input: { title: string; summary: string; language: DetectedLanguage; sourceRegion: string | null }) => ItemTags;

/**
 * Re-applies the tag rules to stored items without refetching: patches the tag
 * fields of items whose tags changed, then regroups stories over all items.
 * Editor fields are never in a patch.
 */
export function planRetag(
  documents: ReadonlyMap<string, DatasetDocument>,
  tagItem: Tagger,
  groupStories?: StoryGrouper,
): { mutations: Mutation[]; changed: number; total: number } {
  const mutations: Mutation[] = [];
  let total = 0;
  const touched = new Set<string>();
  for (const document of documents.values()) {
    if (document._type !== 'newsItem') continue;
    total++;
    const sourceDocument = documents.get(refOf(document.source) ?? '');
    const sourceRegion = refOf(sourceDocument?.region)?.replace(/^region-/, '') ?? null;
    const tags = tagItem({
      title: String(document.title ?? ''),
      summary: String(document.summary ?? ''),
      language: (document.language as DetectedLanguage | undefined) ?? 'und',
      sourceRegion,
    });
    const fields = tagFields(tags);
    const differs = Object.entries(fields).some(([name, value]) => JSON.stringify(document[name]) !== JSON.stringify(value));
    touched.add(document._id);
    if (differs) mutations.push({ patch: { id: document._id, set: fields } });
  }
  const changed = mutations.length;
  if (groupStories) {
    // Grouping needs the whole picture: every item is a candidate, with its new tags.
    mutations.push(...planStoryMutations(applyMutations(documents, mutations), touched, groupStories));
  }
  return { mutations, changed, total };
}
