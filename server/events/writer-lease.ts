/**
 * The writer lease: one key per project that names the one process allowed to write its
 * revision log. A writer claims it (and renews it) before it appends; a second writer of the
 * same project finds it held and is refused, instead of mixing two histories in one log.
 *
 * @remarks
 * The lease expires unless renewed, so a writer that crashed frees it after at most one lease
 * period. The append script checks it too (revision-stream.ts), so a writer whose lease was
 * lost and taken meanwhile cannot write even once more.
 */
import type { Redis } from 'ioredis';

/** Who holds a lease: shown in the refusal message. */
export interface LeaseHolder {
  readonly host: string;
  readonly pid: number;
  /** When it first claimed the lease, ISO 8601. */
  readonly since: string;
}

export type ClaimResult =
  | { readonly held: true }
  | {
      readonly held: false;
      /** The holder's token, to tell whether the same holder is still there later. */
      readonly token: string;
      readonly holder: LeaseHolder | undefined;
      /** Milliseconds until it expires unless renewed; -1 when it never expires. */
      readonly expiresInMs: number;
    };

/** Take (or renew) the lease when it is free or ours; otherwise say who has it and for how long. */
const CLAIM = `
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return {1}
end
return {0, current, redis.call('PTTL', KEYS[1])}
`;

/** Let go of the lease, only if it is still ours. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export class WriterLease {
  /** What this process stores in the lease key: unique to it, and readable in messages. */
  readonly token: string;

  constructor(
    private readonly redis: Redis,
    readonly key: string,
    holder: LeaseHolder & { readonly id: string },
    readonly ttlMs: number,
  ) {
    this.token = JSON.stringify(holder);
  }

  async claim(): Promise<ClaimResult> {
    const reply = (await this.redis.eval(CLAIM, 1, this.key, this.token, this.ttlMs)) as [
      number,
      string?,
      number?,
    ];
    if (reply[0] === 1) return { held: true };
    const token = reply[1] ?? '';
    return { held: false, token, holder: parseHolder(token), expiresInMs: Number(reply[2] ?? -1) };
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }
}

/** The holder a lease token names, or undefined when it is not one of ours. */
export function parseHolder(token: string): LeaseHolder | undefined {
  try {
    const parsed = JSON.parse(token) as Partial<LeaseHolder>;
    if (
      typeof parsed.host === 'string' &&
      typeof parsed.pid === 'number' &&
      typeof parsed.since === 'string'
    ) {
      return { host: parsed.host, pid: parsed.pid, since: parsed.since };
    }
  } catch {
    // Not ours to read: described as unknown.
  }
  return undefined;
}

/** `host "h", pid 12, since …` for messages. */
export function describeHolder(holder: LeaseHolder | undefined): string {
  return holder === undefined
    ? 'an unknown holder'
    : `host "${holder.host}", pid ${holder.pid}, writing since ${holder.since}`;
}
