import { type SemanticChange, semanticChangeMatches } from '../server/semantic/index.ts';

/** A revision's semantic changes under `pathPrefix` (the same list when none is left out). */
export function filterSemantic(
  semantic: readonly SemanticChange[] | undefined,
  pathPrefix: string | undefined,
): readonly SemanticChange[] | undefined {
  if (semantic === undefined || pathPrefix === undefined) return semantic;
  const kept = semantic.filter((c) => semanticChangeMatches(c, pathPrefix));
  return kept.length === semantic.length ? semantic : kept;
}
