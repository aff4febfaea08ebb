import type { RevisionEvent } from '../../server/events/port.ts';

/**
 * A revision the size of a first analysis of a real project (rxjs's revision 1 is about
 * 2 MB as `graphChanged { revision files changes { op key kind } }`): `bytes` of that JSON.
 */
export function bigRevision(revision: number, bytes: number): RevisionEvent {
  const padding = 'x'.repeat(100);
  // `{"op":"NODE_ADDED","key":"src/f<i>.ts#<padding><i>","kind":"FUNCTION"}` is about 160 bytes.
  const count = Math.ceil(bytes / 160);
  return {
    revision,
    files: ['src/generated.ts'],
    timestamp: Date.now(),
    changes: Array.from({ length: count }, (_, i) => ({
      op: 'NODE_ADDED' as const,
      node: {
        key: `src/f${i % 100}.ts#${padding}${i}`,
        kind: 'FUNCTION' as const,
        props: { name: `${padding}${i}` },
      },
    })),
  };
}
