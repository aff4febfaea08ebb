import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the web UI's operations, from the printed schema (`npm run codegen`). */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['client/src/**/*.{ts,tsx}', '!client/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/gql/': {
      preset: 'client',
      config: {
        // Enums as `as const` objects besides their types: the client lists node kinds and edge
        // types from the schema (the model's table), never by hand.
        enumType: 'const',
        useTypeImports: true,
        scalars: { JSON: 'unknown' },
      },
    },
  },
};

export default config;
