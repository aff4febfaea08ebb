import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Analysis tests build TypeScript programs: two workers match the two cores we run on.
    maxWorkers: 2,
  },
});
