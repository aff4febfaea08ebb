/**
 * Calls `action` at once, then at most once per `ms` while calls keep coming (the last call
 * in a window is never lost): live pages refetch promptly without a query per revision.
 */
export function createThrottle(action: () => void, ms: number): { call(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const open = () => {
    timer = setTimeout(() => {
      timer = undefined;
      if (!pending) return;
      pending = false;
      action();
      open();
    }, ms);
  };
  return {
    call() {
      if (timer !== undefined) {
        pending = true;
        return;
      }
      action();
      open();
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = false;
    },
  };
}
