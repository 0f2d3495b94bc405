import { defineConfig } from 'vitest/config';

// One test command for the whole workspace: unit tests sit beside the code they test
// (src/**/*.test.ts); integration tests of the server live in apps/server/test.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/server/test/**/*.test.ts', 'deploy/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
