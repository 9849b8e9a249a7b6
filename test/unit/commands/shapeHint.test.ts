import * as assert from 'node:assert/strict';
import { shapeHint, type JsonSchema } from '../../../src/core/schema/jsonSchema';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, qty: { type: 'integer' } }, required: ['name', 'qty'] } },
    where: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    note: { type: 'string' },
  },
  required: ['items'],
  additionalProperties: false,
};

describe('Complex tool arguments', () => {
  it('an object[] parameter shows the shape of its items, an object its properties', () => {
    assert.equal(shapeHint('items', schema.properties!.items, schema), 'JSON, e.g. [{"name":"","qty":0}]');
    assert.equal(shapeHint('where', schema.properties!.where, schema), 'JSON, e.g. {"path":""}');
    assert.equal(shapeHint('note', schema.properties!.note, schema), 'note');
  });
});
