/**
 * `promise`, or a rejection that names `what` once `ms` have passed: for a wait with no bound of
 * its own (a server's stop, a process's exit, an answer), so that a hang fails in seconds and
 * says where, rather than as a test's timeout that names no step. The operation itself goes on.
 */
export function within<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
