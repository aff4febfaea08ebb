/**
 * Layering rules for codenav. The pipeline's arrows point one way:
 *   model ← analysis ← app ;  model ← graph ← queries ← schema ← http ← app ← main
 * Each rule says why it exists; `npm run deps` (part of `npm run check` and CI) enforces them.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'analysis-is-a-pure-stage',
      comment:
        'Analysis turns source files into plain records. It must not know where they are stored (graph/), ' +
        'how they are published (events/), or served (http/, schema/): that keeps it testable on its own ' +
        'and lets a cache or another store consume its output.',
      severity: 'error',
      from: { path: '^server/analysis/' },
      to: { path: '^(server/(graph|events|http)|schema)/' },
    },
    {
      name: 'graph-knows-no-typescript-compiler',
      comment:
        'The graph store holds plain records; it must not depend on ts-morph or the TypeScript compiler ' +
        '(it would drag the compiler into every API process).',
      severity: 'error',
      from: { path: '^server/graph/' },
      to: { path: '^(server/analysis/|node_modules/(ts-morph|typescript|@ts-morph)/)' },
    },
    {
      name: 'model-depends-on-nothing',
      comment: 'The graph model is shared by every stage; it imports no other stage and no library.',
      severity: 'error',
      from: { path: '^server/model/' },
      to: { path: '^(server/(?!model/)|schema/|node_modules/)' },
    },
    {
      name: 'util-depends-on-nothing',
      comment:
        'server/util/ holds small helpers every stage may use (a serial task queue); it imports no stage, ' +
        'so that using it never creates an arrow between stages.',
      severity: 'error',
      from: { path: '^server/util/' },
      to: { path: '^(server/(?!util/)|schema/)' },
    },
    {
      name: 'schema-uses-the-port-not-an-adapter',
      comment:
        'The GraphQL schema talks to the store through the GraphStore port only, so that memory and ' +
        'Memgraph stay interchangeable.',
      severity: 'error',
      from: { path: '^schema/' },
      to: { path: '^server/graph/(memory|memgraph)/' },
    },
    {
      name: 'schema-knows-no-transport',
      comment: 'The schema must not know how it is served (Yoga, ws) or how events travel (ioredis).',
      severity: 'error',
      from: { path: '^schema/' },
      to: { path: '^(server/http/|node_modules/(ws|ioredis|graphql-redis-subscriptions|neo4j-driver)/)' },
    },
    {
      name: 'queries-know-no-front-end',
      comment:
        'The query functions answer questions over the GraphStore port for every front end (the GraphQL ' +
        'schema, an MCP server): they must not know GraphQL or HTTP, or another front end would drag them in.',
      severity: 'error',
      from: { path: '^server/queries/' },
      to: { path: '^(schema/|server/(http|events|analysis)/|server/graph/(memory|memgraph)/|node_modules/)' },
    },
    {
      name: 'events-know-no-graphql-transport',
      comment: 'The events stage publishes revisions; serving them (Yoga, graphql-ws) is http/.',
      severity: 'error',
      from: { path: '^server/events/' },
      to: { path: '^(server/(http|analysis)/|schema/)' },
    },
    {
      name: 'semantic-changes-are-plain-data',
      comment:
        'Semantic changes are derived from plain records: server/semantic/ reads the model and the events ' +
        'port only, never a store adapter, a transport, the compiler or GraphQL, so the indexer, the API and ' +
        'an MCP tool can all call it.',
      severity: 'error',
      from: { path: '^server/semantic/' },
      to: {
        path: '^(server/(analysis|http|indexer|graph/(memory|memgraph))/|schema/|node_modules/(ts-morph|typescript|graphql|ioredis|ws)/)',
      },
    },
    {
      name: 'only-the-composition-root-wires-stages',
      comment:
        'Stages do not reach back up: only app.ts and main.ts (the composition root and CLI) see everything.',
      severity: 'error',
      from: { path: '^server/(analysis|graph|events|http|model|queries|semantic)/' },
      to: { path: '^server/(app|main|config)\\.ts$' },
    },
    {
      name: 'mcp-is-a-front-door-beside-graphql',
      comment:
        'MCP tools answer with the same query functions as the GraphQL resolvers (server/queries): they must ' +
        'not reach into the schema, nor into a store adapter or the analysis.',
      severity: 'error',
      from: { path: '^server/mcp/' },
      to: { path: '^(schema/|server/graph/(memory|memgraph)/|server/analysis/)' },
    },
    {
      name: 'no-circular',
      comment: 'Cycles make stages impossible to understand and test one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that cannot be resolved is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'server-runs-on-bundled-libraries-and-production-dependencies',
      comment:
        'The server runs from dist/ plus its production dependencies (the Docker image has no devDependencies). ' +
        'dist/ bundles the libraries of the start-up path, listed here, which are devDependencies for that ' +
        'reason (docs/ARCHITECTURE.md, "The package"); any other devDependency (a build or test tool) must ' +
        'never be imported by the server: it would be bundled into dist/ unnoticed.',
      severity: 'error',
      from: { path: '^(server|schema)/' },
      to: {
        dependencyTypes: ['npm-dev'],
        pathNot:
          '^node_modules/(graphql|graphql-yoga|@graphql-yoga/render-graphiql|graphql-ws|ws|@pothos/[^/]+|@escape\\.tech/graphql-armor-[^/]+|dataloader|pino|chokidar|graphology|graphology-types|@modelcontextprotocol/sdk|zod)/',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
