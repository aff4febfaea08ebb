/**
 * The Redis writer's outbox: revisions published and not yet in the stream, oldest first, and
 * the latest ones written (to write again if Redis restarts without its data). Plain state
 * and its rules; the Redis engine does the writing.
 */
import { randomUUID } from 'node:crypto';
import type { RevisionEvent } from './port.ts';
import type { LogCursor } from './revision-source.ts';
import type { PendingRevision, StreamHead } from './revision-stream.ts';

/** The oldest waiting revision, as {@link RevisionOutbox.next} hands it out. */
export interface OutboxTicket {
  readonly pending: PendingRevision;
  /** The outbox's generation when handed out: a restart of the writer makes the ticket stale. */
  readonly generation: number;
}

export class RevisionOutbox {
  readonly #retain: number;
  readonly #limit: number;
  /** This writer incarnation: a new one when the writer starts over with a fresh graph. */
  #writer: string = randomUUID();
  /** The log's epoch as last seen by this writer, for re-filling a log Redis lost. */
  #epochHint = this.#writer;
  #generation = 0;
  #lastPublished: number | undefined;
  /** Published, not yet in the stream, oldest first. */
  #waiting: PendingRevision[] = [];
  #dropped = 0;
  /** The latest revisions written (at most `retain`): what to write again if Redis loses them. */
  #written: PendingRevision[] = [];
  /** The last revision this writer wrote, with its epoch. */
  #lastWritten: LogCursor | undefined;
  /**
   * The top of the log before Redis lost it, while this writer has yet to write it again. Kept
   * across further losses: clients may have seen revisions up to it, whatever part of the
   * refill had been written again when Redis lost the log once more.
   */
  #refillTo: number | undefined;

  /**
   * @param retain How many written revisions to keep for re-filling a lost log.
   * @param limit How many revisions may wait; beyond that the oldest are dropped.
   */
  constructor(retain: number, limit: number) {
    this.#retain = retain;
    this.#limit = limit;
  }

  /** The writer incarnation to append as. */
  get writer(): string {
    return this.#writer;
  }

  /** The epoch this writer expects the log to be in. */
  get epochHint(): string {
    return this.#epochHint;
  }

  /** Revisions waiting to be written. */
  get size(): number {
    return this.#waiting.length;
  }

  /** Revisions dropped (the outbox was full) since it was last empty. */
  get dropped(): number {
    return this.#dropped;
  }

  get lastPublished(): number | undefined {
    return this.#lastPublished;
  }

  get lastWritten(): LogCursor | undefined {
    return this.#lastWritten;
  }

  /**
   * While a log Redis lost is being written again: the highest revision it held (readers may be
   * past what has been written again, up to it). `undefined` when no refill is under way.
   */
  get refillingTo(): number | undefined {
    return this.#refillTo;
  }

  /** The newest revision waiting, if any. */
  latestWaiting(): number | undefined {
    return this.#waiting.at(-1)?.revision;
  }

  /**
   * Queues a published revision. A revision at or below the last one published means the
   * writer started over with a fresh graph: what waits belongs to the old one and is forgotten.
   * @returns true when this revision made the outbox drop its first (oldest) revision.
   */
  add(event: RevisionEvent): boolean {
    let previous = this.#lastPublished ?? event.revision - 1;
    if (this.#lastPublished !== undefined && event.revision <= this.#lastPublished) {
      this.#generation += 1;
      this.#writer = randomUUID();
      this.#epochHint = this.#writer;
      this.#waiting = [];
      this.#written = [];
      this.#lastWritten = undefined;
      this.#refillTo = undefined;
      this.#dropped = 0;
      previous = event.revision - 1;
    }
    this.#lastPublished = event.revision;
    this.#waiting.push({ revision: event.revision, previous, json: JSON.stringify(event) });
    if (this.#waiting.length <= this.#limit) return false;
    this.#waiting.shift();
    this.#dropped += 1;
    return this.#dropped === 1;
  }

  /**
   * Numbers every revision published so far `by` higher (their events included): the writer's
   * numbering moved above a log that went further before anything was written (see
   * `RevisionNumbering`). The chain of `previous` moves with them.
   */
  renumber(by: number): void {
    if (by === 0) return;
    this.#waiting = this.#waiting.map((pending) => {
      const event = JSON.parse(pending.json) as RevisionEvent;
      return {
        revision: pending.revision + by,
        previous: pending.previous + by,
        json: JSON.stringify({ ...event, revision: event.revision + by }),
      };
    });
    if (this.#lastPublished !== undefined) this.#lastPublished += by;
  }

  /** The oldest revision waiting, or `undefined` when none does. */
  next(): OutboxTicket | undefined {
    const pending = this.#waiting[0];
    return pending && { pending, generation: this.#generation };
  }

  /**
   * Records that the ticket's revision is in the stream, in `epoch`. A stale ticket (the writer
   * restarted meanwhile) changes nothing.
   */
  written(ticket: OutboxTicket, epoch: string): void {
    if (ticket.generation !== this.#generation) return;
    this.#epochHint = epoch;
    this.#waiting.shift();
    this.#lastWritten = { epoch, revision: ticket.pending.revision };
    this.#written.push(ticket.pending);
    if (this.#written.length > this.#retain) this.#written.shift();
    if (this.#waiting.length === 0) this.#dropped = 0;
    if (this.#refillTo !== undefined && ticket.pending.revision >= this.#refillTo) this.#refillTo = undefined;
  }

  /**
   * Redis restarted without its data (its log is behind what this writer wrote, or gone):
   * queues again, ahead of what waits, every revision the log lost that this writer still holds.
   * @returns the revisions queued again, or `undefined` when the log lost nothing.
   */
  refill(head: StreamHead | undefined): { from: number; to: number } | undefined {
    const last = this.#written.at(-1);
    if (last === undefined) return undefined;
    if (head !== undefined && (head.epoch !== this.#epochHint || head.revision >= last.revision))
      return undefined;
    const from = head?.revision ?? 0;
    const lost = this.#written.filter((pending) => pending.revision > from);
    this.#written = this.#written.filter((pending) => pending.revision <= from);
    this.#waiting = [...lost, ...this.#waiting];
    this.#refillTo = Math.max(this.#refillTo ?? 0, last.revision);
    return { from: lost[0]!.revision, to: last.revision };
  }
}
