/** Deeper JSON than any real chat request needs is refused before it costs anything. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests objects or arrays more than `depth` levels deep: such
 * a body would overflow the stack of anything that walks or serializes it.
 */
export function isNestedDeeperThan(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth === 0) return true;
  return Object.values(value).some((child) => isNestedDeeperThan(child, depth - 1));
}
