import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports": Node loads its CommonJS entry for every dependency (Yoga,
    // Pothos), while Vite would pick the "module" entry for our own files. Two copies break
    // `instanceof GraphQLError`, so our files get the same entry Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds dist/ (run by the CLI tests) and the web UI when their sources changed.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Analysis tests build TypeScript programs: two workers match the two cores we run on.
    maxWorkers: 2,
    // Servers the tests start keep no snapshot in the user's cache (tests/durability set their own).
    env: { CODENAV_NO_CACHE: '1' },
  },
});
