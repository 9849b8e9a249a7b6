import Ajv2020 from 'ajv/dist/2020';
import AjvDraft07, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { jsonType, type JsonSchema } from './jsonSchema';

/**
 * JSON Schema validation of tool arguments and structured results, with ajv: 2020-12 (MCP's default dialect) unless the
 * schema names draft-07 or draft-06. Errors come back as `path: message` sentences a person can act on.
 */

function makeAjv<T extends AjvDraft07>(Ctor: new (opts: object) => T): T {
  const ajv = new Ctor({ allErrors: true, strict: false, verbose: true, validateFormats: true });
  addFormats(ajv as never);
  return ajv;
}

let ajv2020: Ajv2020 | undefined;
let ajv07: AjvDraft07 | undefined;
const cache = new WeakMap<object, ValidateFunction | Error>();

function instanceFor(schema: JsonSchema): AjvDraft07 {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (/draft-0[67]/.test(dialect)) return ajv07 ??= makeAjv(AjvDraft07);
  return ajv2020 ??= makeAjv(Ajv2020);
}

/** Compiles once per schema object; a schema that does not compile yields a Error describing why. */
export function compileSchema(schema: JsonSchema): ValidateFunction | Error {
  let v = cache.get(schema);
  if (!v) {
    const ajv = instanceFor(schema);
    // A dialect this ajv does not know (e.g. draft-04) would make compile throw; the keywords are still 2020-compatible.
    const { $schema: _dialect, ...rest } = schema;
    try { v = ajv.compile(rest); } catch (e) { v = new Error(`The schema does not compile: ${(e as Error).message}`); }
    cache.set(schema, v);
  }
  return v;
}

const fmt = (v: unknown) => JSON.stringify(v) ?? String(v);

export interface SchemaProblem {
  /** Where in the value: property names and array indexes. */
  path: (string | number)[];
  message: string;
}

function segmentsOf(instancePath: string, root: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  let node = root;
  for (const raw of instancePath.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(seg) : seg;
    out.push(key);
    node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return out;
}

function pathText(path: (string | number)[]): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i ? `.${seg}` : seg)).join('');
}

/** `where.path: must match /^\//`, or the bare message at the top level. */
export function problemText(p: SchemaProblem): string {
  return p.path.length ? `${pathText(p.path)}: ${p.message}` : p.message;
}

function sentence(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return `missing required property "${p.missingProperty}"`;
    case 'additionalProperties': return `unknown property "${p.additionalProperty}"`;
    case 'type': return `expected ${[p.type].flat().join(' or ')}, got ${jsonType(e.data)}`;
    case 'enum': return `must be one of ${(p.allowedValues as unknown[]).map(fmt).join(', ')}`;
    case 'const': return `must be ${fmt(p.allowedValue)}`;
    case 'minLength': return `must be at least ${p.limit} character${p.limit === 1 ? '' : 's'}`;
    case 'maxLength': return `must be at most ${p.limit} characters`;
    case 'pattern': return `must match /${p.pattern}/`;
    case 'minItems': return `needs at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems': return `allows at most ${p.limit} items`;
    case 'uniqueItems': return 'items must be unique';
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum': return `must be ${p.comparison} ${p.limit}`;
    case 'anyOf': return 'does not match any of the allowed shapes';
    case 'oneOf': return 'must match exactly one allowed shape';
    case 'not': return 'matches a shape that is not allowed';
    default: return e.message ?? e.keyword;
  }
}

/** Errors inside an anyOf/oneOf/not branch are reported once, by the combinator itself. */
const insideBranch = (e: ErrorObject) => /\/(anyOf|oneOf|not)\//.test(e.schemaPath);

/**
 * Validation errors as `path: message` strings; empty when the value conforms or there is no schema. A schema that
 * does not compile is reported when `uncompilable` is `report`; for arguments the server stays the judge (`ignore`).
 */
export function validate(value: unknown, schema: JsonSchema | undefined, uncompilable: 'ignore' | 'report' = 'ignore'): string[] {
  return schemaProblems(value, schema, uncompilable).map(problemText);
}

/** The same problems with their location in the value, for editors that underline the spot. */
export function schemaProblems(value: unknown, schema: JsonSchema | undefined, uncompilable: 'ignore' | 'report' = 'ignore'): SchemaProblem[] {
  if (!schema || Object.keys(schema).length === 0) return [];
  const check = compileSchema(schema);
  if (check instanceof Error) return uncompilable === 'report' ? [{ path: [], message: check.message }] : [];
  if (check(value)) return [];
  return (check.errors ?? []).filter(e => !insideBranch(e)).map(e => ({ path: segmentsOf(e.instancePath, value), message: sentence(e) }));
}

const withRootDefinitions = new WeakMap<object, JsonSchema>();

/** Validates `value` against a property's schema that may `$ref` into `root`'s definitions. */
export function validateProperty(value: unknown, property: JsonSchema, root: JsonSchema): string[] {
  if (property === root) return validate(value, root);
  let schema = withRootDefinitions.get(property);
  if (!schema) {
    schema = { ...property };
    for (const key of ['$schema', '$defs', 'definitions'] as const) if (root[key] !== undefined) (schema as Record<string, unknown>)[key] = root[key];
    withRootDefinitions.set(property, schema);
  }
  return validate(value, schema);
}
