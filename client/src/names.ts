/**
 * Names people can tell apart: in a list where one name stands for several nodes (`main`,
 * `main`, `main`), each of those gets the shortest end of its file's path that no other of them
 * shares (`app/main.ts`, `cli/main.ts`). Names used once get nothing.
 */
import { fileOfKey } from './live/keys.ts';

export interface Named {
  readonly key: string;
  readonly label: string;
}

/** For each key whose label is ambiguous in `items`, the path suffix that tells it apart. */
export function distinguishingHints(items: readonly Named[]): ReadonlyMap<string, string> {
  const byLabel = new Map<string, Set<string>>();
  for (const item of items) {
    const keys = byLabel.get(item.label) ?? new Set<string>();
    keys.add(item.key);
    byLabel.set(item.label, keys);
  }
  const hints = new Map<string, string>();
  for (const keys of byLabel.values()) {
    if (keys.size < 2) continue;
    const files = [...keys].map((key) => ({ key, segments: (fileOfKey(key) ?? key).split('/') }));
    for (const { key, segments } of files) {
      let hint: string | undefined;
      for (let count = 1; count <= segments.length && hint === undefined; count += 1) {
        const suffix = segments.slice(-count).join('/');
        const shared = files.some(
          (other) => other.key !== key && other.segments.slice(-count).join('/') === suffix,
        );
        if (!shared) hint = suffix;
      }
      // Same file (a function and a namespace of one name): only the key tells them apart.
      hints.set(key, hint ?? key);
    }
  }
  return hints;
}
