/**
 * The part of JSON Schema that guides user input: types, enums, const, required, properties, items, bounds, lengths,
 * patterns, local `$ref`s and the combinators. Validation itself is ajv's (validator.ts); the server stays the authority.
 */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  [k: string]: unknown;
}

const MAX_REF_DEPTH = 32;

/** Follows local `$ref`s (`#/$defs/X`, `#/definitions/X`, any JSON pointer into the root). */
export function deref(schema: JsonSchema | undefined, root: JsonSchema, depth = 0): JsonSchema {
  if (!schema || typeof schema !== 'object') return {};
  if (typeof schema.$ref !== 'string' || depth > MAX_REF_DEPTH) return schema;
  if (!schema.$ref.startsWith('#')) return schema;
  let target: unknown = root;
  for (const raw of schema.$ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
    target = target && typeof target === 'object' ? (target as Record<string, unknown>)[key] : undefined;
  }
  return deref(target as JsonSchema | undefined, root, depth + 1);
}

/** The types a schema allows, `null` last; empty when it does not say. */
export function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return [...schema.type].sort((a, b) => Number(a === 'null') - Number(b === 'null'));
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.enum?.length) return [...new Set(schema.enum.map(jsonType))];
  if (schema.const !== undefined) return [jsonType(schema.const)];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

/** The main type of a schema for input purposes (`string | null` → `string`). */
export function primaryType(schema: JsonSchema): string | undefined {
  return typesOf(schema).find(t => t !== 'null');
}

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const fmt = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/** A value that fits the schema's shape: its default, const or first enum value, else an empty value of its type. */
export function sampleValue(schema: JsonSchema | undefined, root: JsonSchema, depth = 0): unknown {
  const s = deref(schema, root);
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.examples?.length) return s.examples[0];
  const alternative = s.anyOf?.[0] ?? s.oneOf?.[0];
  if (!s.type && alternative) return sampleValue(alternative, root, depth + 1);
  switch (primaryType(s)) {
    case 'string': return '';
    case 'number': case 'integer': return typeof s.minimum === 'number' ? s.minimum : 0;
    case 'boolean': return false;
    case 'array': return [];
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sampleValue(s.properties?.[key], root, depth + 1);
      return out;
    }
    case 'null': return null;
    default: return null;
  }
}

/** One-line human summary of a schema's type and constraints, e.g. `integer, 0–100` or `"a" | "b"`. */
export function describeType(schema: JsonSchema | undefined, root: JsonSchema): string {
  const s = deref(schema, root);
  if (s.const !== undefined) return fmt(s.const);
  if (s.enum?.length) return s.enum.map(fmt).join(' | ');
  const alternatives = s.anyOf ?? s.oneOf;
  if (!s.type && alternatives?.length) return alternatives.map(a => describeType(a, root)).join(' | ');
  let type = typesOf(s).join(' | ') || 'any';
  if (primaryType(s) === 'array' && s.items && !Array.isArray(s.items)) type = `${describeType(s.items, root)}[]`;
  const bounds: string[] = [];
  const min = s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined);
  const max = s.maximum ?? (typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined);
  if (min !== undefined || max !== undefined) bounds.push(`${min ?? '−∞'}–${max ?? '∞'}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) bounds.push(`length ${s.minLength ?? 0}–${s.maxLength ?? '∞'}`);
  if (s.minItems !== undefined || s.maxItems !== undefined) bounds.push(`${s.minItems ?? 0}–${s.maxItems ?? '∞'} items`);
  if (s.pattern) bounds.push(`/${s.pattern}/`);
  if (s.format) bounds.push(s.format);
  return bounds.length ? `${type}, ${bounds.join(', ')}` : type;
}

/** The properties of an object schema in input order: required first, then the rest as declared. */
export function propertiesOf(schema: JsonSchema, root: JsonSchema = schema): { name: string; schema: JsonSchema; required: boolean }[] {
  const s = deref(schema, root);
  const required = new Set(s.required ?? []);
  const entries = Object.entries(s.properties ?? {}).map(([name, sub]) => ({ name, schema: deref(sub, root), required: required.has(name) }));
  return [...entries.filter(e => e.required), ...entries.filter(e => !e.required)];
}

/**
 * The placeholder of an InputBox: for objects and arrays the JSON shape to type (an `object[]` shows
 * `[{"name": "", "qty": 0}]`), else the name.
 */
export function shapeHint(name: string, prop: JsonSchema, root: JsonSchema): string {
  const type = primaryType(prop);
  if (type !== 'object' && type !== 'array') return name;
  const sample = sampleValue(prop, root);
  const shape = type === 'array' && Array.isArray(sample) && !sample.length ? [sampleValue(Array.isArray(prop.items) ? prop.items[0] : prop.items, root)] : sample;
  return `JSON, e.g. ${JSON.stringify(shape)}`;
}

/** A string that may well span lines (offered "Edit in editor…"): no enum, no format, and no short `maxLength`. */
export function offersEditor(prop: JsonSchema): boolean {
  return primaryType(prop) === 'string' && !prop.enum?.length && !prop.format && (prop.maxLength === undefined || prop.maxLength > 80);
}
