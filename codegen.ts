import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the web UI's operations, from the printed schema (`npm run codegen`). */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['client/src/**/*.{ts,tsx}', '!client/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/gql/': {
      preset: 'client',
      // Fragments only name a selection used in several operations (a symbol row, a graph slice):
      // their fields stay readable where the operation's result is used, as plain types.
      presetConfig: { fragmentMasking: false },
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
