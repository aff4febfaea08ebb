import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../server/util/serial-queue.ts';

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createSerialQueue', () => {
  it('starts each task only after the one before it has settled, in queue order', async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const first = deferred();
    const a = queue.run(async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = queue.run(() => {
      log.push('b');
      return 'b';
    });
    const c = queue.run(async () => {
      log.push('c');
      return 'c';
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.resolve();
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b', 'c']);
  });

  it('gives a failed task its error and still runs the tasks after it', async () => {
    const queue = createSerialQueue();
    const failing = queue.run(async () => {
      throw new Error('task broke');
    });
    const throwing = queue.run(() => {
      throw new Error('sync throw');
    });
    const next = queue.run(() => 42);
    await expect(failing).rejects.toThrow('task broke');
    await expect(throwing).rejects.toThrow('sync throw');
    expect(await next).toBe(42);
  });

  it('idle() resolves once every task queued so far has settled, and never rejects', async () => {
    const queue = createSerialQueue();
    expect(await queue.idle()).toBeUndefined();
    const gate = deferred();
    let done = false;
    const failed = queue.run(async () => {
      await gate.promise;
      throw new Error('late failure');
    });
    failed.catch(() => {});
    queue.run(() => {
      done = true;
    });
    const idle = queue.idle();
    let idleSettled = false;
    void idle.then(() => {
      idleSettled = true;
    });
    await Promise.resolve();
    expect(idleSettled).toBe(false);
    gate.resolve();
    await idle;
    expect(done).toBe(true);
  });

  it('idle() does not wait for tasks queued after it was called', async () => {
    const queue = createSerialQueue();
    queue.run(() => 1);
    const idle = queue.idle();
    const never = deferred();
    void queue.run(() => never.promise);
    await expect(idle).resolves.toBeUndefined();
  });
});
