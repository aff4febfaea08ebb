/**
 * Just enough of Dockerfile and compose semantics to check docker/ without a Docker engine:
 * instructions grouped by stage (continuations joined, global ARG defaults expanded) and a
 * compose file as compose reads it (YAML merge keys, `${VAR:-default}` interpolation).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, … */
  readonly keyword: string;
  /** The rest of the instruction, continuations joined by a space. */
  readonly args: string;
}

export interface Stage {
  /** The image or stage it starts from, global ARGs expanded. */
  readonly from: string;
  readonly name?: string;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  /** Global ARGs (before the first FROM) with their defaults. */
  readonly args: Readonly<Record<string, string>>;
  readonly stages: readonly Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    // Comment lines are dropped, even inside a continuation (as Docker does).
    if (line.startsWith('#')) continue;
    if (line === '' && pending === '') continue;
    const continued = line.endsWith('\\');
    pending += `${pending ? ' ' : ''}${continued ? line.slice(0, -1).trim() : line}`;
    if (continued) continue;
    const [keyword = '', ...rest] = pending.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' ') });
    pending = '';
  }

  const args: Record<string, string> = {};
  const stages: { from: string; name?: string; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(/\s+/);
      const from = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args[a ?? b] ?? '');
      stages.push({ from, ...(as?.toUpperCase() === 'AS' && name ? { name } : {}), instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword === 'ARG') {
        const [key = '', value = ''] = instruction.args.split('=');
        args[key] = value;
      }
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** The JSON (exec) form of CMD, ENTRYPOINT or HEALTHCHECK CMD, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  const json = args.slice(args.indexOf('['));
  if (!args.includes('[')) return undefined;
  try {
    return JSON.parse(json) as string[];
  } catch {
    return undefined;
  }
}

/** `--name=value` options at the start of an instruction (COPY --from=…, HEALTHCHECK --interval=…). */
export function options(args: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of args.matchAll(/(?:^|\s)--([\w-]+)=(\S+)/g)) found[match[1]!] = match[2]!;
  return found;
}

/** ENV instructions of a stage, `KEY=value` pairs (quotes removed). */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of stage.instructions) {
    if (keyword !== 'ENV') continue;
    for (const match of args.matchAll(/(\w+)=("[^"]*"|\S+)/g))
      env[match[1]!] = match[2]!.replace(/^"|"$/g, '');
  }
  return env;
}

/** The stage named `name`, and the chain of stages it is built on (itself first). */
export function stageChain(dockerfile: Dockerfile, name: string): Stage[] {
  const chain: Stage[] = [];
  let stage = dockerfile.stages.find((s) => s.name === name);
  while (stage && !chain.includes(stage)) {
    chain.push(stage);
    const from = stage.from;
    stage = dockerfile.stages.find((s) => s.name === from);
  }
  return chain;
}

/** The image a stage finally rests on (following `FROM <stage>`). */
export function baseImage(dockerfile: Dockerfile, stage: Stage): string {
  const chain = stage.name ? stageChain(dockerfile, stage.name) : [stage];
  return chain.at(-1)!.from;
}

/** Compose's variable interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`. */
export function interpolate(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g, (_, name: string, op?: string, operand = '') => {
    const set = env[name];
    const empty = set === undefined || (op?.startsWith(':') && set === '');
    if (op?.endsWith('?') && empty) throw new Error(`${name}: ${operand}`);
    if (op?.endsWith('-') && empty) return operand;
    return set ?? '';
  });
}

function interpolateAll(value: unknown, env: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((v) => interpolateAll(v, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, env)]));
  }
  return value;
}

export interface ComposeService {
  readonly image?: string;
  readonly build?: { context?: string; dockerfile?: string; target?: string };
  readonly command?: string[] | string;
  readonly environment?: Record<string, string> | string[];
  readonly volumes?: (string | { type?: string; source?: string; target: string; read_only?: boolean })[];
  readonly ports?: (string | { target: number; published?: string | number })[];
  readonly depends_on?: string[] | Record<string, { condition?: string }>;
  readonly healthcheck?: { test: string[] | string; disable?: boolean };
  readonly deploy?: { replicas?: number };
  readonly profiles?: string[];
  readonly container_name?: string;
}

export interface ComposeFile {
  readonly services: Record<string, ComposeService>;
  readonly volumes?: Record<string, unknown>;
}

/** A compose file as compose reads it, with `env` as the environment for interpolation. */
export function loadCompose(file: string, env: Readonly<Record<string, string | undefined>>): ComposeFile {
  const document = parseYaml(readFileSync(file, 'utf8'), { merge: true }) as Record<string, unknown>;
  return interpolateAll(document, env) as ComposeFile;
}

/** A service's environment as a map (compose accepts a map or `KEY=value` lines). */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env))
    return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v ?? '')]));
  return Object.fromEntries(
    env.map((line) => {
      const at = line.indexOf('=');
      return at === -1 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
    }),
  );
}

/** depends_on as `service → condition` (the short list form means service_started). */
export function dependencies(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v?.condition ?? 'service_started']));
}

/** Volumes as `{ source, target, readOnly }` (short `src:dst[:ro]` or long syntax). */
export function volumesOf(service: ComposeService): { source: string; target: string; readOnly: boolean }[] {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') {
      return { source: volume.source ?? '', target: volume.target, readOnly: volume.read_only === true };
    }
    const [source = '', target = '', mode = ''] = volume.split(':');
    return { source, target, readOnly: mode.split(',').includes('ro') };
  });
}

/** Ports as `{ host, container }` (`[ip:]host:container`, host possibly a range `a-b`). */
export function portsOf(service: ComposeService): { host: string; container: number }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port !== 'string') return { host: String(port.published ?? ''), container: port.target };
    const parts = port.replace(/\/(tcp|udp)$/, '').split(':');
    return { host: parts.length > 1 ? parts.at(-2)! : '', container: Number(parts.at(-1)) };
  });
}

/** The health check command as one string. */
export function healthTest(service: ComposeService): string {
  const test = service.healthcheck?.test ?? [];
  return Array.isArray(test) ? test.join(' ') : test;
}
