import { defineConfig, isArrayOfObjectsInputProps } from 'sanity';
import { structureTool } from 'sanity/structure';
import { resolveDocumentActions } from './actions/index.ts';
import { SuggestedTagsInput } from './components/SuggestedTagsInput.tsx';
import { schemaTypes } from './schemaTypes/index.ts';
import { structure } from './structure/index.ts';

// SANITY_STUDIO_* variables are the ones `sanity build` exposes to the browser
// bundle. The placeholder project id lets the studio build without a project.
const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'placeholder';
const dataset = process.env.SANITY_STUDIO_DATASET || 'production';

export default defineConfig({
  name: 'default',
  title: 'medclusters',
  projectId,
  dataset,
  plugins: [structureTool({ structure })],
  schema: {
    types: schemaTypes,
    // The singleton is opened from the structure, never created from the menu.
    templates: (templates) => templates.filter((template) => template.schemaType !== 'siteSettings'),
  },
  document: {
    actions: resolveDocumentActions,
  },
  form: {
    components: {
      // Confirmed-tag fields carry `options.suggestionsField`; they get the suggestions input.
      input: (props) => {
        const options = props.schemaType.options as { suggestionsField?: unknown } | undefined;
        if (isArrayOfObjectsInputProps(props) && typeof options?.suggestionsField === 'string') return SuggestedTagsInput(props);
        return props.renderDefault(props);
      },
    },
  },
});
