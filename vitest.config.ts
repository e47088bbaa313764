import { defineConfig } from 'vitest/config';

// The editor's workflow drives a real studio in Chromium and waits on each
// write the way an editor does: it runs last, on its own, once the rest of the
// suite (site builds, service runs) no longer competes with it for the CPU.
const STUDIO_BROWSER = 'tests/studio/**/*.test.ts';

export default defineConfig({
  test: {
    // Stages that start loopback servers and child processes need more than the 5 s default.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: [STUDIO_BROWSER, '**/node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'studio',
          include: [STUDIO_BROWSER],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
