/**
 * docker/compose.yaml and docker/Dockerfile, checked without a Docker engine: the services,
 * health checks, start order, roles and environment the stack needs, and the image's stages,
 * user, health check and contents. Each codenav service's environment also goes through the
 * real config validation, so a renamed flag or env var breaks this test, not a deployment.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseConfig, type ServeConfig } from '../../server/config.ts';
import {
  baseImage,
  type ComposeService,
  dependencies,
  environmentOf,
  execForm,
  healthTest,
  loadCompose,
  options,
  parseDockerfile,
  portsOf,
  type Stage,
  stageChain,
  stageEnv,
  volumesOf,
} from './parse.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const composeFile = path.join(repo, 'docker/compose.yaml');
const dockerfile = parseDockerfile(readFileSync(path.join(repo, 'docker/Dockerfile'), 'utf8'));
const finalStage = dockerfile.stages.at(-1)!;
const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The stack as `docker compose up` would see it with only CODENAV_TOKEN set. */
const compose = loadCompose(composeFile, { CODENAV_TOKEN: 'compose-test-token-0123' });
const services = compose.services;
const service = (name: string): ComposeService => {
  const found = services[name];
  if (!found) throw new Error(`docker/compose.yaml has no service "${name}"`);
  return found;
};
/** Services that run the codenav image (the final stage). */
const codenavServices = Object.entries(services).filter(
  ([, s]) => s.build?.target === finalStage.name && s.profiles === undefined,
);

/** What `node bin/codenav.mjs …` inside a container of that service would be configured with. */
function containerConfig(name: string, env: Record<string, string> = environmentOf(service(name))) {
  const command = execForm(finalStage.instructions.findLast((i) => i.keyword === 'CMD')!.args)!;
  // /repo is a mount in the container; here any existing directory stands in for it.
  const argv = command.map((arg) => (arg === '/repo' ? repo : arg));
  return parseConfig(argv, { ...stageEnv(finalStage), ...env }) as ServeConfig;
}

/** `bolt://host:port` → host, checked to be a service of the file. */
function serviceHost(url: string, scheme: string): string {
  const match = new RegExp(`^${scheme}://([\\w-]+):(\\d+)$`).exec(url);
  expect(match, `${url} is a ${scheme}:// URL of a service`).not.toBeNull();
  expect(Object.keys(services)).toContain(match![1]);
  return match![1]!;
}

describe('docker/compose.yaml', () => {
  it('defines memgraph, redis, one indexer, API replicas and a test profile', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['memgraph', 'redis', 'indexer', 'api']));
    expect(codenavServices.map(([name]) => name).sort()).toEqual(['api', 'indexer']);
    // One writer: the indexer is never replicated.
    expect(service('indexer').deploy?.replicas ?? 1).toBe(1);
    expect(service('api').deploy?.replicas).toBeGreaterThanOrEqual(2);
    // Replicas cannot share a container name.
    expect(service('api').container_name).toBeUndefined();
    expect(Object.values(services).filter((s) => s.profiles?.includes('test')).length).toBeGreaterThan(0);
  });

  it('gives every service a health check that probes the service itself', () => {
    for (const [name, s] of Object.entries(services)) {
      if (name === 'test') continue; // a one-shot run, not a server
      expect(s.healthcheck?.disable, name).not.toBe(true);
      expect(healthTest(s), name).not.toBe('');
    }
    expect(healthTest(service('memgraph'))).toMatch(/RETURN 1;' \| mgconsole/);
    expect(healthTest(service('redis'))).toMatch(/redis-cli ping/);
    for (const [name, s] of codenavServices) {
      expect(healthTest(s), name).toContain(`http://127.0.0.1:${containerConfig(name).port}/healthz`);
      // No curl or wget in a slim image.
      expect(healthTest(s), name).toMatch(/^CMD node -e /);
    }
  });

  it('starts in order of health: memgraph and redis, then the indexer, then the API replicas', () => {
    expect(dependencies(service('indexer'))).toEqual({
      memgraph: 'service_healthy',
      redis: 'service_healthy',
    });
    expect(dependencies(service('api'))).toEqual({
      indexer: 'service_healthy',
      memgraph: 'service_healthy',
      redis: 'service_healthy',
    });
  });

  it('runs the indexer on the shared Memgraph and Redis, with the repository mounted at /repo', () => {
    const env = environmentOf(service('indexer'));
    expect(env).toMatchObject({ CODENAV_ROLE: 'indexer', CODENAV_STORE: 'memgraph' });
    expect(serviceHost(env.MEMGRAPH_URI!, 'bolt')).toBe('memgraph');
    expect(serviceHost(env.REDIS_URL!, 'redis')).toBe('redis');
    const repoVolume = volumesOf(service('indexer')).find((v) => v.target === '/repo');
    expect(repoVolume).toMatchObject({ source: '..', readOnly: true });
    // Relative to docker/: the repository root, when CODENAV_REPO is unset.
    expect(path.resolve(path.dirname(composeFile), repoVolume!.source)).toBe(path.resolve(repo));
    expect(loadCompose(composeFile, { CODENAV_REPO: '/src/app' }).services.indexer!.volumes).toContain(
      '/src/app:/repo:ro',
    );
  });

  it('runs the API replicas as role api on the same Memgraph and Redis, each on its own host port', () => {
    const env = environmentOf(service('api'));
    expect(env).toMatchObject({ CODENAV_ROLE: 'api', CODENAV_STORE: 'memgraph' });
    expect(env.MEMGRAPH_URI).toBe(environmentOf(service('indexer')).MEMGRAPH_URI);
    expect(env.REDIS_URL).toBe(environmentOf(service('indexer')).REDIS_URL);
    expect(volumesOf(service('api')).map((v) => v.target)).toContain('/repo');
    const [port] = portsOf(service('api'));
    expect(port?.container).toBe(containerConfig('api').port);
    // A fixed host port would let only one replica start: a range gives each its own.
    const [low, high] = port!.host.split('-').map(Number);
    expect(high! - low! + 1).toBeGreaterThanOrEqual(service('api').deploy!.replicas!);
  });

  it('gives the indexer and the API replicas one project id in Redis, whatever paths they run from', () => {
    expect(containerConfig('api').projectId).toBe('codenav');
    expect(containerConfig('indexer').projectId).toBe(containerConfig('api').projectId);
    // A second stack on a shared Redis takes its own.
    const other = loadCompose(composeFile, {
      CODENAV_TOKEN: 'compose-test-token-0123',
      CODENAV_PROJECT_ID: 'shop',
    });
    for (const name of ['indexer', 'api']) {
      expect(containerConfig(name, environmentOf(other.services[name]!)).projectId).toBe('shop');
    }
  });

  it('sets CODENAV_TOKEN on every codenav service, and each environment passes the real config validation', () => {
    const expected = {
      indexer: { role: 'indexer' },
      api: { role: 'api' },
    } as const;
    for (const [name] of codenavServices) {
      expect(Object.keys(environmentOf(service(name))), name).toContain('CODENAV_TOKEN');
      expect(containerConfig(name)).toMatchObject({
        command: 'serve',
        ...expected[name as keyof typeof expected],
        store: 'memgraph',
        host: '0.0.0.0',
        token: 'compose-test-token-0123',
        memgraphUri: 'bolt://memgraph:7687',
        redisUrl: 'redis://redis:6379',
        watch: true,
      });
    }
    // Without a token the compose file still loads (`up memgraph` needs none), and a codenav
    // container refuses to start, in one line, instead of serving unprotected.
    const tokenless = loadCompose(composeFile, {});
    expect(() => containerConfig('api', environmentOf(tokenless.services.api!))).toThrow(
      /reachable from other machines: set --token \(or CODENAV_TOKEN\)/,
    );
  });

  it('runs the test suite in a test profile against a Memgraph of the stack’s version, never the served one', () => {
    const [name, test] = Object.entries(services).find(
      ([, s]) => s.profiles?.includes('test') && s.build?.target !== undefined,
    )!;
    expect(test.command).toEqual(['npm', 'test']);
    const uri = environmentOf(test).MEMGRAPH_URI!;
    const memgraph = serviceHost(uri, 'bolt');
    expect(dependencies(test)).toEqual({ [memgraph]: 'service_healthy' });
    // The contract suite deletes everything between tests: its Memgraph is its own, started
    // only with the profile, and the same image and health check as the stack's.
    expect(memgraph).not.toBe('memgraph');
    expect(service(memgraph).profiles).toEqual(['test']);
    expect(service(memgraph).image).toBe(service('memgraph').image);
    expect(service(memgraph).healthcheck).toEqual(service('memgraph').healthcheck);
    // The suite needs the dev dependencies: a stage of the build that keeps them.
    const chain = stageChain(dockerfile, test.build!.target!);
    expect(chain.map((s) => s.name)).toContain('build');
    expect(name).toBe('test');
  });

  it('builds every service from a docker/Dockerfile stage that exists, with the repository as context', () => {
    const names = dockerfile.stages.map((s) => s.name);
    for (const [name, s] of Object.entries(services)) {
      if (!s.build) continue;
      expect(path.resolve(path.dirname(composeFile), s.build.context ?? '.'), name).toBe(path.resolve(repo));
      expect(s.build.dockerfile, name).toBe('docker/Dockerfile');
      expect(names, name).toContain(s.build.target);
    }
    expect(service('memgraph').image).toMatch(/^memgraph\/memgraph:\d+\.\d+\.\d+$/);
    expect(service('redis').image).toMatch(/^redis:7/);
  });
});

describe('docker/Dockerfile', () => {
  const node20Slim = /^node:20(\.\d+)*-(bookworm|bullseye|trixie)-slim$/;
  /** A stage's COPY instructions: the stage they copy from (undefined: the build context), and the rest. */
  const runtimeFiles = (stage: Stage): { from?: string; copy: string }[] =>
    stage.instructions
      .filter((i) => i.keyword === 'COPY')
      .map((i) => ({ from: options(i.args).from, copy: i.args.replace(/^(--[\w-]+=\S+\s+)*/, '') }));

  it('is multi-stage, and its final stage takes built results from other stages, not the whole context', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(3);
    expect(finalStage.name).toBe('runtime');
    expect(runtimeFiles(finalStage).some((c) => c.from !== undefined)).toBe(true);
    for (const { copy } of runtimeFiles(finalStage)) expect(copy).not.toMatch(/^\.\s/);
  });

  it('builds on the slim Node 20 image, and the final stage runs that Node on the same slim Debian', () => {
    const nodeStages = dockerfile.stages.filter((s) => node20Slim.test(baseImage(dockerfile, s)));
    // Every stage that runs npm rests on the Node image.
    for (const stage of dockerfile.stages) {
      if (stage.instructions.some((i) => i.keyword === 'RUN' && /\bnpm\b/.test(i.args))) {
        expect(nodeStages, stage.name).toContain(stage);
      }
    }
    const base = baseImage(dockerfile, finalStage);
    if (!node20Slim.test(base)) {
      // Debian slim + the node binary of the Node stage, on the Debian release that image uses.
      const release = /-(bookworm|bullseye|trixie)-slim$/.exec(dockerfile.args.NODE_IMAGE ?? '')?.[1];
      expect(base).toBe(`debian:${release}-slim`);
      const nodeBinary = runtimeFiles(finalStage).find((c) => /\/usr\/local\/bin\/node\s/.test(c.copy));
      expect(nodeStages.map((s) => s.name)).toContain(nodeBinary?.from);
    }
  });

  it('runs as a non-root user', () => {
    const user = finalStage.instructions.findLast((i) => i.keyword === 'USER')?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const last = finalStage.instructions.map((i) => i.keyword);
    // Nothing runs as root after it.
    expect(last.lastIndexOf('RUN')).toBeLessThan(last.lastIndexOf('USER'));
  });

  it('checks health on /healthz with node, not curl', () => {
    const check = finalStage.instructions.find((i) => i.keyword === 'HEALTHCHECK');
    expect(check).toBeDefined();
    const command = execForm(check!.args.slice(check!.args.indexOf('CMD') + 3))!;
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toMatch(
      /fetch\('http:\/\/127\.0\.0\.1:'\+\(process\.env\.CODENAV_PORT\|\|4000\)\+'\/healthz'\)/,
    );
    expect(options(check!.args)).toMatchObject({ interval: expect.any(String), timeout: expect.any(String) });
  });

  it('starts codenav serve on /repo, bound for containers, refusing to start without a token', () => {
    expect(execForm(finalStage.instructions.find((i) => i.keyword === 'ENTRYPOINT')!.args)).toEqual([
      'node',
      'bin/codenav.mjs',
    ]);
    expect(execForm(finalStage.instructions.findLast((i) => i.keyword === 'CMD')!.args)).toEqual([
      'serve',
      '/repo',
    ]);
    const env = stageEnv(finalStage);
    expect(env.NODE_ENV).toBe('production');
    expect(containerConfig('image', { CODENAV_TOKEN: 'image-test-token-012345' })).toMatchObject({
      host: '0.0.0.0',
      port: 4000,
      store: 'memory',
      role: 'all',
    });
    expect(() => containerConfig('image', {})).toThrow(/set --token \(or CODENAV_TOKEN\)/);
  });

  it('has no dev dependencies in the final stage: node_modules come from a production-only install', () => {
    const modules = runtimeFiles(finalStage).filter((c) => /node_modules/.test(c.copy));
    expect(modules).toHaveLength(1);
    const source = stageChain(dockerfile, modules[0]!.from!);
    const installs = source.flatMap((s) =>
      s.instructions.filter((i) => i.keyword === 'RUN' && /\bnpm (ci|install|i)\b/.test(i.args)),
    );
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install.args).toMatch(/--omit=dev|--production/);
    // The final stage installs nothing itself.
    expect(finalStage.instructions.some((i) => i.keyword === 'RUN' && /\bnpm\b/.test(i.args))).toBe(false);
  });

  it('copies what codenav serve reads: the command from the context, the build from the build stage', () => {
    const copies = runtimeFiles(finalStage);
    const fromContext = copies.filter((c) => c.from === undefined).map((c) => c.copy.split(/\s+/)[0]!);
    for (const source of fromContext) expect(existsSync(path.join(repo, source)), source).toBe(true);
    expect(fromContext.sort()).toEqual(['bin', 'package.json']);
    for (const built of ['/app/dist', '/app/client/dist']) {
      const copy = copies.find((c) => c.copy.split(/\s+/)[0] === built);
      expect(copy?.from, built).toBeDefined();
      const builder = stageChain(dockerfile, copy!.from!);
      expect(builder.flatMap((s) => s.instructions).some((i) => /npm run build\b/.test(i.args))).toBe(true);
    }
    expect(manifest.dependencies).not.toHaveProperty('vite');
  });

  it('needs no dev dependency at run time: everything dist/ loads is a production dependency', () => {
    // The test run's global setup built dist/ from the current sources.
    const dist = path.join(repo, 'dist');
    const loaded = new Set<string>();
    for (const file of readdirSync(dist)) {
      if (file.endsWith('.js'))
        for (const specifier of runtimeImports(path.join(dist, file))) loaded.add(specifier);
    }
    const packages = [...loaded]
      .filter(
        (s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s.split('/')[0]!),
      )
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
    // Native add-ons that bundled libraries try inside a try/catch and do without (ws, @whatwg-node/node-fetch).
    const optional = ['bufferutil', 'utf-8-validate', 'node-libcurl'];
    expect([...new Set(packages)].filter((name) => !optional.includes(name)).sort()).toEqual(
      expect.arrayContaining(['ioredis', 'neo4j-driver', 'ts-morph']),
    );
    for (const name of new Set(packages)) {
      if (!optional.includes(name)) expect(Object.keys(manifest.dependencies), name).toContain(name);
    }
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(path.join(repo, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('keeps installed and built files and the git history out of the build context', () => {
    expect(patterns).toEqual(expect.arrayContaining(['**/node_modules', 'client/dist', '.git']));
  });

  it('keeps in what the stages copy and the test suite reads', () => {
    const kept = [
      'bin',
      'server',
      'schema',
      'client',
      'tests',
      'docker',
      'package.json',
      'package-lock.json',
    ];
    for (const entry of kept) {
      for (const pattern of patterns) {
        expect([entry, `${entry}/`, `${entry}/**`, '*', '**'], pattern).not.toContain(pattern);
      }
    }
  });
});

/** Module specifiers a built file loads: imports, dynamic imports and `require` calls (`__require` in a bundle). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && /^_*require$/.test(node.expression.text))) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
