import * as assert from 'node:assert/strict';
import type { JsonSchema } from '../../../src/core/schema/jsonSchema';
import { schemaProblems, validate, validateProperty } from '../../../src/core/schema/validator';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    query: { type: 'string', minLength: 2 },
    limit: { type: 'integer', minimum: 1, maximum: 50 },
    mode: { enum: ['fast', 'exact'] },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
    where: { $ref: '#/$defs/where' },
  },
  required: ['query'],
  additionalProperties: false,
  $defs: { where: { type: 'object', properties: { path: { type: 'string', pattern: '^/' } }, required: ['path'] } },
};

describe('tool argument validation (ajv, JSON Schema 2020-12)', () => {
  it('reports each problem with its path in words a user can act on', () => {
    assert.deepEqual(validate({ query: 'ab', limit: 5, mode: 'fast', tags: ['x'], where: { path: '/a' } }, schema), []);
    assert.deepEqual(validate({}, schema), ['missing required property "query"']);
    assert.deepEqual(validate({ query: 'a', limit: 2.5 }, schema).sort(), ['limit: expected integer, got number', 'query: must be at least 2 characters']);
    assert.deepEqual(validate({ query: 'ab', mode: 'slow', extra: 1 }, schema).sort(), ['mode: must be one of "fast", "exact"', 'unknown property "extra"']);
    assert.deepEqual(validate({ query: 'ab', tags: ['a', 'b', 3] }, schema).sort(), ['tags: allows at most 2 items', 'tags[2]: expected string, got integer']);
    assert.deepEqual(validate({ query: 'ab', where: { path: 'rel' } }, schema), ['where.path: must match /^//']);
  });

  it('gives editors the location as property names and array indexes', () => {
    assert.deepEqual(schemaProblems({ query: 'ab', tags: ['a', 7] }, schema).map(p => p.path), [['tags', 1]]);
  });

  it('supports the 2020-12 keywords the hand-written validator missed', () => {
    const s: JsonSchema = {
      type: 'object',
      properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] }, kind: { type: 'string' }, size: { type: 'number' } },
      patternProperties: { '^x-': { type: 'boolean' } },
      dependentRequired: { size: ['kind'] },
      if: { properties: { kind: { const: 'big' } }, required: ['kind'] }, then: { required: ['size'] }, else: {},
    };
    assert.deepEqual(validate({ pair: ['a', 1], 'x-flag': true, kind: 'big', size: 3 }, s), []);
    assert.deepEqual(validate({ pair: ['a', 'b'] }, s), ['pair[1]: expected number, got string']);
    assert.deepEqual(validate({ 'x-flag': 'yes' }, s), ['x-flag: expected boolean, got string']);
    assert.deepEqual(validate({ size: 3 }, s), ['must have property kind when property size is present']);
    assert.equal(validate({ kind: 'big' }, s).length > 0, true);
  });

  it('validates a property that refers to the root definitions, and honours draft-07 schemas', () => {
    assert.deepEqual(validateProperty({ path: 'rel' }, schema.properties!.where, schema), ['path: must match /^//']);
    const draft7: JsonSchema = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'string' }], additionalItems: false };
    assert.deepEqual(validate(['a', 'b'], draft7), ['must NOT have more than 1 items']);
  });

  it('leaves a schema that does not compile to the server, unless asked to report it', () => {
    const broken = { type: 'string', pattern: '(' } as JsonSchema;
    assert.deepEqual(validate('x', broken), []);
    assert.match(validate('x', broken, 'report')[0], /does not compile/);
  });
});
