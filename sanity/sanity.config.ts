import { createElement } from 'react';
import { defineConfig, isArrayOfObjectsInputProps } from 'sanity';
import { structureTool } from 'sanity/structure';
import { resolveDocumentActions } from './actions/index.ts';
import { SuggestedTagsInput } from './components/SuggestedTagsInput.tsx';
import { PAGE_SLOTS } from './schemaTypes/pageIdentity.ts';
import { schemaTypes } from './schemaTypes/index.ts';
import { structure } from './structure/index.ts';
import { LOCAL_PROJECT_ID, localApiFromPage, localClientFactory } from './localApi.ts';

// SANITY_STUDIO_* variables are the ones `sanity build` exposes to the browser
// bundle. The placeholder project id lets the studio build without a project.
const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'placeholder';
const dataset = process.env.SANITY_STUDIO_DATASET || 'production';
// Served by `npm run studio`: the same build, talking to the local dataset's API with a token login.
const localApi = localApiFromPage();

/** Types whose documents have fixed ids and are opened from the desk, never created from the menu. */
const FIXED_ID_TYPES = new Set(['page', 'siteSettings']);

export default defineConfig({
  name: 'default',
  title: 'medclusters',
  projectId: localApi ? LOCAL_PROJECT_ID : projectId,
  dataset,
  // The local API has no releases, scheduling, tasks or comments (Sanity's hosted features): they are off there.
  ...(localApi
    ? {
        apiHost: localApi.apiHost,
        auth: { loginMethod: 'token' as const },
        unstable_clientFactory: localClientFactory,
        releases: { enabled: false },
        scheduledDrafts: { enabled: false },
        scheduledPublishing: { enabled: false },
        tasks: { enabled: false },
      }
    : {}),
  plugins: [structureTool({ structure })],
  schema: {
    types: schemaTypes,
    // One template per page slot, so a page opened from the desk starts with its key and language.
    templates: (templates) => [
      ...templates.filter((template) => !FIXED_ID_TYPES.has(template.schemaType)),
      ...PAGE_SLOTS.map((slot) => ({ id: slot.id, title: slot.title, schemaType: 'page', value: { key: slot.key, language: slot.language } })),
    ],
  },
  document: {
    actions: resolveDocumentActions,
    ...(localApi ? { comments: { enabled: false } } : {}),
    // The page templates exist for the desk's fixed documents; the global "Create" menu offers none of them.
    newDocumentOptions: (previous, context) =>
      context.creationContext.type === 'global' ? previous.filter((item) => !PAGE_SLOTS.some((slot) => slot.id === item.templateId)) : previous,
  },
  form: {
    components: {
      // Confirmed-tag fields carry `options.suggestionsField`; they get the suggestions input.
      input: (props) => {
        const options = props.schemaType.options as { suggestionsField?: unknown } | undefined;
        if (isArrayOfObjectsInputProps(props) && typeof options?.suggestionsField === 'string') return createElement(SuggestedTagsInput, props);
        return props.renderDefault(props);
      },
    },
  },
});
