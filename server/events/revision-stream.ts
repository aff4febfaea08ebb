/**
 * The revision log on Redis: one Stream whose entry ids are the revisions (`<revision>-0`),
 * and the Lua script that appends to it and publishes in one step. Every Redis command of
 * the log is here.
 *
 * @remarks
 * Ids that are revisions make a replay one exact range read (`XRANGE key <since+1> +`)
 * instead of a scan filtered by revision, and let Redis itself refuse an out-of-order write.
 */
import type { Redis } from 'ioredis';
import type { LogEntry } from './revision-source.ts';
import type { WriterLease } from './writer-lease.ts';

/** The top of the log, without its (possibly large) event. */
export interface StreamHead {
  readonly revision: number;
  readonly epoch: string;
  /** The writer incarnation that appended it. */
  readonly writer: string;
}

/** A revision waiting to be appended. */
export interface PendingRevision {
  readonly revision: number;
  readonly previous: number;
  /** The event, serialized once. */
  readonly json: string;
}

/**
 * Appends one revision and publishes it, atomically, so that no subscriber can see it in the
 * log without being told, or be told before it is in the log.
 *
 * KEYS[1] the stream, KEYS[2] the writer lease; ARGV: revision, previous, writer, epoch hint,
 * event JSON, MAXLEN, channel, the largest event sent inline, the lease token and its period.
 * Returns the epoch the revision was logged in, or the error `NOTWRITER` when another process
 * holds the lease (a free lease is taken: the writer that lost it to expiry only).
 *
 * - Above the top: appended in the top's epoch; `previous` covers the top, so that a writer
 *   that restarted over a persistent store chains on.
 * - Not above the top, same writer: already written (the reply to an earlier try was lost).
 * - Not above the top, another writer: the writer started over with a fresh graph; the log
 *   restarts in a new epoch named after it.
 * - Empty log (new, or Redis restarted without persistence): the writer's epoch hint, so a
 *   writer re-filling a log Redis lost continues its epoch. A writer with no history sends
 *   `previous = revision - 1`, so clients behind a log that was lost are told.
 *
 * The message carries the event only up to a size: Redis disconnects a subscriber whose
 * output buffer passes 32 MB (`client-output-buffer-limit pubsub`), and a first analysis of
 * a large project is bigger than that. Receivers read a large revision from the log.
 */
const APPEND = `
local lease = redis.call('GET', KEYS[2])
if lease and lease ~= ARGV[9] then return redis.error_reply('NOTWRITER') end
if not lease then redis.call('SET', KEYS[2], ARGV[9], 'PX', ARGV[10]) end
local revision = tonumber(ARGV[1])
local previous = tonumber(ARGV[2])
local writer = ARGV[3]
local epoch = ARGV[4]
if ARGV[11] == '1' then
  redis.call('DEL', KEYS[1])
  epoch = writer
end
local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
if top then
  local topRevision = tonumber(string.match(top[1], '^(%d+)'))
  local fields = {}
  for i = 1, #top[2], 2 do fields[top[2][i]] = top[2][i + 1] end
  if revision > topRevision then
    epoch = fields.epoch
    if topRevision > previous then previous = topRevision end
  elseif fields.writer == writer then
    return fields.epoch
  else
    redis.call('DEL', KEYS[1])
    epoch = writer
  end
end
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[6], revision .. '-0',
  'revision', revision, 'epoch', epoch, 'previous', previous, 'writer', writer, 'event', ARGV[5])
local event = ''
if #ARGV[5] <= tonumber(ARGV[8]) then event = ',"event":' .. ARGV[5] end
redis.call('PUBLISH', ARGV[7], '{"epoch":' .. cjson.encode(epoch) .. ',"previous":' .. previous ..
  ',"revision":' .. revision .. event .. '}')
return epoch
`;

/** Most entries read per XRANGE while replaying. */
const PAGE = 100;
/**
 * Roughly how much event JSON one XRANGE brings: a page of a hundred first-analysis revisions
 * of a large project would be hundreds of megabytes per subscriber.
 */
const PAGE_BYTES = 1024 * 1024;
/** Events up to this size (JSON characters) travel in the pub/sub message itself. */
const INLINE_LIMIT = 256 * 1024;

type RawEntry = [id: string, fields: string[]];

function fieldsOf(raw: RawEntry): Map<string, string> {
  const [, list] = raw;
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < list.length; i += 2) fields.set(list[i]!, list[i + 1]!);
  return fields;
}

function headOf(raw: RawEntry): StreamHead {
  const fields = fieldsOf(raw);
  return {
    revision: Number.parseInt(raw[0], 10),
    epoch: fields.get('epoch') ?? '',
    writer: fields.get('writer') ?? '',
  };
}

/**
 * Entries decoded recently, while some subscriber still holds them: subscribers replaying the
 * same revisions share one decoded event (and, by its identity, one execution of it) instead
 * of a copy each.
 */
class DecodedEntries {
  readonly #entries = new Map<string, WeakRef<LogEntry>>();
  readonly #cleanup = new FinalizationRegistry<string>((id) => {
    if (this.#entries.get(id)?.deref() === undefined) this.#entries.delete(id);
  });

  /** The entry of `raw`, decoded once while anyone holds it. */
  decode(raw: RawEntry): LogEntry {
    const fields = fieldsOf(raw);
    const epoch = fields.get('epoch') ?? '';
    // An id names one revision only within an epoch: a fresh log reuses the numbers.
    const id = `${raw[0]} ${epoch}`;
    const known = this.#entries.get(id)?.deref();
    if (known) return known;
    const entry: LogEntry = {
      epoch,
      previous: Number(fields.get('previous') ?? 0),
      event: JSON.parse(fields.get('event') ?? 'null'),
    };
    this.#entries.set(id, new WeakRef(entry));
    this.#cleanup.register(entry, id);
    return entry;
  }
}

/** The append was refused: another process holds the project's writer lease. */
export class NotWriterError extends Error {
  override readonly name = 'NotWriterError';
}

export class RevisionStream {
  readonly #decoded = new DecodedEntries();

  constructor(
    private readonly redis: Redis,
    readonly key: string,
    readonly channel: string,
    private readonly retain: number,
    private readonly lease: WriterLease,
  ) {}

  /**
   * Appends and publishes; returns the epoch it was logged in. With `newEpoch`, the log restarts
   * first (in an epoch named after `writer`), whatever it holds.
   * @throws {@link NotWriterError} when another process holds the writer lease.
   */
  async append(
    pending: PendingRevision,
    writer: string,
    epochHint: string,
    newEpoch = false,
  ): Promise<string> {
    let epoch: unknown;
    try {
      epoch = await this.redis.eval(
        APPEND,
        2,
        this.key,
        this.lease.key,
        pending.revision,
        pending.previous,
        writer,
        epochHint,
        pending.json,
        this.retain,
        this.channel,
        INLINE_LIMIT,
        this.lease.token,
        this.lease.ttlMs,
        newEpoch ? '1' : '0',
      );
    } catch (error) {
      if ((error as Error).message === 'NOTWRITER')
        throw new NotWriterError('another process holds the writer lease');
      throw error;
    }
    return String(epoch);
  }

  /** The latest entry, `undefined` when the log is empty. */
  async head(): Promise<StreamHead | undefined> {
    const [raw] = (await this.redis.xrevrange(this.key, '+', '-', 'COUNT', 1)) as RawEntry[];
    return raw === undefined ? undefined : headOf(raw);
  }

  /** The entry of `revision`, `undefined` when the log does not hold it. */
  async entry(revision: number): Promise<LogEntry | undefined> {
    const id = `${revision}-0`;
    const [raw] = (await this.redis.xrange(this.key, id, id)) as RawEntry[];
    return raw === undefined ? undefined : this.#decoded.decode(raw);
  }

  /**
   * Every retained entry after `revision`, in order, fetched a page at a time: pages start at
   * one entry and grow while entries are small, up to about {@link PAGE_BYTES} each.
   */
  async *after(revision: number): AsyncGenerator<LogEntry, void, undefined> {
    let from = revision + 1;
    let count = 1;
    for (;;) {
      const page = (await this.redis.xrange(this.key, String(from), '+', 'COUNT', count)) as RawEntry[];
      let largest = 1;
      for (const [, fields] of page) for (const field of fields) largest = Math.max(largest, field.length);
      for (const raw of page) yield this.#decoded.decode(raw);
      if (page.length < count) return;
      from = Number.parseInt(page[page.length - 1]![0], 10) + 1;
      count = Math.max(1, Math.min(PAGE, Math.floor(PAGE_BYTES / largest)));
    }
  }
}
