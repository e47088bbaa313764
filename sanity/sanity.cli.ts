import { defineCliConfig } from 'sanity/cli';

// A placeholder project id lets `sanity build` run in CI without a project; a
// real studio sets SANITY_STUDIO_PROJECT_ID (and the dataset) in its environment.
export const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'placeholder';
export const dataset = process.env.SANITY_STUDIO_DATASET || 'production';

export default defineCliConfig({
  api: { projectId, dataset },
  deployment: { autoUpdates: false },
});
