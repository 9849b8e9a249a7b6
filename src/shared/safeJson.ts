// JSON that never throws on a hostile value: V8's JSON.stringify recurses and overflows the stack a few thousand levels
// deep, and a server decides how deep its messages are.

/** Values deeper than this are replaced by a placeholder when a value must be shown or written out. */
export const MAX_OUTPUT_DEPTH = 64;

export const tooDeepPlaceholder = (depth: number) => `[nested deeper than ${depth} levels: not shown]`;

/** A copy of `value` with everything below `maxDepth` replaced by a placeholder string. */
export function capDepth(value: unknown, maxDepth = MAX_OUTPUT_DEPTH, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return capDepth((value as { toJSON(): unknown }).toJSON(), maxDepth, depth);
  if (depth >= maxDepth) return tooDeepPlaceholder(maxDepth);
  if (Array.isArray(value)) return value.map(v => capDepth(v, maxDepth, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = capDepth(v, maxDepth, depth + 1);
  return out;
}

/** JSON.stringify, or, when the value is too deep for it, the JSON of its depth-capped copy. */
export function stringifySafely(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return JSON.stringify(capDepth(value), null, indent);
  }
}
