/**
 * Import cycles as strongly connected components (Tarjan), shared by both adapters:
 * Memgraph Community has no SCC procedure without MAGE, and the file→file IMPORTS graph
 * is small (one edge per import statement), so reading it and solving here is cheap.
 */

/**
 * Components with more than one node, or one node with an edge to itself. Each component
 * is sorted; components are sorted by their first member.
 */
export function findCycles(edges: Iterable<readonly [from: string, to: string]>): string[][] {
  const successors = new Map<string, string[]>();
  const selfLoops = new Set<string>();
  for (const [from, to] of edges) {
    if (from === to) selfLoops.add(from);
    const list = successors.get(from);
    if (list) list.push(to);
    else successors.set(from, [to]);
  }

  // Iterative Tarjan: a repository's import chains can be thousands of files deep, deeper
  // than the JS call stack allows for recursion.
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let nextIndex = 0;

  const visit = (node: string, frames: { node: string; next: number }[]): void => {
    indexOf.set(node, nextIndex);
    lowLink.set(node, nextIndex);
    nextIndex += 1;
    stack.push(node);
    onStack.add(node);
    frames.push({ node, next: 0 });
  };

  for (const root of successors.keys()) {
    if (indexOf.has(root)) continue;
    const frames: { node: string; next: number }[] = [];
    visit(root, frames);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const next = successors.get(frame.node)?.[frame.next];
      if (next !== undefined) {
        frame.next += 1;
        if (!indexOf.has(next)) visit(next, frames);
        else if (onStack.has(next))
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, indexOf.get(next)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) !== indexOf.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || selfLoops.has(frame.node)) cycles.push(component.sort());
    }
  }
  return cycles.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}
