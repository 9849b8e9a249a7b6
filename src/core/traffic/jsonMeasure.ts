/**
 * Measuring a message by walking it instead of serializing it. The tap keeps every message as JSON text (serialized
 * once when a transport hands over objects only), so it walks only the messages JSON.stringify refuses (a BigInt, a
 * cycle); `jsonPrefix` previews an oversized or too deep message without serializing all of it.
 */

/** Deeper values are not measured: MCP messages are shallow; a deeper one is stored as a preview (see `tooDeep`). */
export const MAX_DEPTH = 256;
/** Objects visited before measuring stops: far beyond any message under the payload limit, and it bounds a cycle. */
const MAX_OBJECTS = 1_000_000;

export interface JsonMeasurement {
  /** Length of JSON.stringify(value), except that escape sequences inside strings are not counted. */
  size: number;
  /** Whether any string or key satisfied the secret test. */
  hasSecret: boolean;
  /** Nested deeper than MAX_DEPTH: too deep to store, serialize or show as a tree (JSON.stringify would overflow). */
  tooDeep: boolean;
}

export function measureJson(value: unknown, isSecret?: (text: string) => boolean): JsonMeasurement {
  const state: MeasureState = { hasSecret: false, tooDeep: false, objects: 0 };
  const size = measure(value, isSecret, state, 0);
  return { size, hasSecret: state.hasSecret, tooDeep: state.tooDeep };
}

interface MeasureState { hasSecret: boolean; tooDeep: boolean; objects: number }

function measure(value: unknown, isSecret: ((text: string) => boolean) | undefined, state: MeasureState, depth: number): number {
  switch (typeof value) {
    case 'string':
      if (isSecret && !state.hasSecret && isSecret(value)) state.hasSecret = true;
      return value.length + 2;
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'bigint':
      return String(value).length;
    case 'object': {
      if (value === null) return 4;
      if (depth > MAX_DEPTH) { state.tooDeep = true; return 0; }
      if (++state.objects > MAX_OBJECTS) return 0;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return measure((value as { toJSON(): unknown }).toJSON(), isSecret, state, depth + 1);
      if (Array.isArray(value)) {
        let size = 2 + Math.max(0, value.length - 1);
        for (const item of value) size += item === undefined || typeof item === 'function' ? 4 : measure(item, isSecret, state, depth + 1);
        return size;
      }
      let size = 2;
      let first = true;
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        if (isSecret && !state.hasSecret && isSecret(key)) state.hasSecret = true;
        size += (first ? 0 : 1) + key.length + 3 + measure(item, isSecret, state, depth + 1);
        first = false;
      }
      return size;
    }
    default:
      return 0;
  }
}

/** The first `maxChars` of the value's JSON, without serializing the rest (oversized messages can be megabytes). */
export function jsonPrefix(value: unknown, maxChars: number): string {
  const out: string[] = [];
  let length = 0;
  const write = (s: string): boolean => {
    out.push(s);
    length += s.length;
    return length < maxChars;
  };
  const visit = (v: unknown, depth: number): boolean => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(): unknown }).toJSON();
    if (typeof v === 'string') return write(JSON.stringify(v.length > maxChars - length ? v.slice(0, Math.max(0, maxChars - length)) : v));
    if (v !== null && typeof v === 'object' && depth > MAX_DEPTH) return write(JSON.stringify(`[nested deeper than ${MAX_DEPTH} levels: not stored]`));
    if (v === null || typeof v !== 'object') return write(leaf(v));
    if (Array.isArray(v)) {
      if (!write('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && !write(',')) return false;
        if (!visit(v[i] === undefined || typeof v[i] === 'function' ? null : v[i], depth + 1)) return false;
      }
      return write(']');
    }
    if (!write('{')) return false;
    let first = true;
    for (const [key, item] of Object.entries(v)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      if (!write(`${first ? '' : ','}${JSON.stringify(key)}:`)) return false;
      first = false;
      if (!visit(item, depth + 1)) return false;
    }
    return write('}');
  };
  visit(value, 0);
  return out.join('').slice(0, maxChars);
}

function leaf(v: unknown): string {
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
  return JSON.stringify(v) ?? 'null';
}
