import { readFileSync } from 'node:fs';

/**
 * The process's open-file limit (the soft `RLIMIT_NOFILE`, which Node raises to the hard one at
 * start), or undefined when unlimited or unknown. Node has no `getrlimit`: on Linux it is read
 * from `/proc/self/limits`; elsewhere it is unknown.
 */
export function openFileLimit(
  limitsText: () => string = () => readFileSync('/proc/self/limits', 'utf8'),
): number | undefined {
  let text: string;
  try {
    text = limitsText();
  } catch {
    return undefined;
  }
  // "Max open files            1024                 4096                 files"
  const match = /^Max open files\s+(\d+)\s/m.exec(text);
  return match ? Number(match[1]) : undefined;
}
