/**
 * The errors of diff impact, apart from git.ts: that module registers an exit hook when loaded
 * (to kill git's process groups), and code that only tells errors apart should not load it.
 */

/** Why a git question could not be answered: the user's repository or input (`BAD_USER_INPUT`). */
export class DiffImpactError extends Error {
  override readonly name = 'DiffImpactError';
  readonly code = 'BAD_USER_INPUT';
}

/**
 * Why git could not be asked at all, through no fault of the caller's: the server cannot start
 * git (not installed, out of file handles or processes) or has too many git questions waiting
 * already (`GIT_UNAVAILABLE`: try again later, or tell whoever runs the server).
 */
export class GitUnavailableError extends Error {
  override readonly name = 'GitUnavailableError';
  readonly code = 'GIT_UNAVAILABLE';
  /**
   * What failed: the system's error code of the failed start (`ENOENT` when there is no such
   * git, `EMFILE`, `ENFILE`, `EAGAIN`…), or `BUSY` when too many git commands were waiting.
   */
  readonly reason: string;

  constructor(message: string, reason: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * The caller gave up (its `signal` aborted, e.g. an MCP client cancelled `diff_impact`): the git
 * command running then was killed and no further step ran. Nobody is waiting for a message.
 */
export class DiffImpactCancelledError extends Error {
  override readonly name = 'DiffImpactCancelledError';
}

/** Throws {@link DiffImpactCancelledError} once `signal` has aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new DiffImpactCancelledError('diff impact was cancelled', { cause: signal.reason });
}
