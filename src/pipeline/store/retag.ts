import { refOf, type DatasetDocument } from './documents.ts';
import { languageFields, tagFields, type ItemTags } from './itemDocument.ts';
import { applyMutations, type Mutation } from './mutations.ts';
import { planStoryMutations, type StoryGrouper } from './plan.ts';
import { LANGUAGES, type Language, type LanguageDecision } from '../model.ts';

/** The per-item stages of an ingest after normalize: language (detected, then refined by the rules), then tags. */
export type ItemClassifier = (input: {
  title: string;
  summary: string;
  /** The source's declared language, the prior an ingest gives the language stage. */
  declared: Language | null;
  sourceRegion: string | null;
}) => { language: LanguageDecision; tags: ItemTags };

const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/**
 * Re-applies the language stage and the tag rules to stored items without
 * refetching, as an ingest would decide them today: patches the language and
 * tag fields of items where they changed (language hints and the rules live in
 * the same folder, so a change to either is re-applied), then regroups stories
 * over all items. Editor fields are never in a patch.
 */
export function planRetag(
  documents: ReadonlyMap<string, DatasetDocument>,
  classify: ItemClassifier,
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
    const declared = sourceDocument?.language;
    const { language, tags } = classify({
      title: String(document.title ?? ''),
      summary: String(document.summary ?? ''),
      declared: isLanguage(declared) ? declared : null,
      sourceRegion,
    });
    const fields = { ...languageFields(language), ...tagFields(tags) };
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
