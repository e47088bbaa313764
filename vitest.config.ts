import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    // Stages that start loopback servers and child processes need more than the 5 s default.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
