import { useEffect, useMemo, useRef, useState } from 'react';

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** `action`, called once calls have paused for `ms`, with the last call's argument. */
export function useDebouncedCallback<T>(action: (value: T) => void, ms: number): (value: T) => void {
  const latest = useRef(action);
  latest.current = action;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useMemo(
    () => (value: T) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latest.current(value), ms);
    },
    [ms],
  );
}

/**
 * A text box bound to a value of the address (a search, a path prefix): typing shows at once
 * and reaches the address — hence the query — once typing pauses; navigating (a link, Back)
 * puts the address's value back in the box.
 */
export function useAddressText(
  value: string,
  commit: (text: string) => void,
  ms = 200,
): [string, (text: string) => void] {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (text.trim() !== value) setText(value);
  }
  const commitLater = useDebouncedCallback((next: string) => commit(next.trim()), ms);
  return [
    text,
    (next: string) => {
      setText(next);
      commitLater(next);
    },
  ];
}
