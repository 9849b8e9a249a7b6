import * as assert from 'node:assert/strict';
import { enumChoices, multiSelectChoices } from '../../../src/core/schema/enumChoices';

describe('enum choices of elicitation and tool schemas', () => {
  it('plain enums label each value by itself; legacy enumNames give titles', () => {
    assert.deepEqual(enumChoices({ type: 'string', enum: ['a', 'b'] }), [{ value: 'a', label: 'a' }, { value: 'b', label: 'b' }]);
    assert.deepEqual(enumChoices({ type: 'string', enum: ['pet-1', 'pet-2'], enumNames: ['Cats', 'Dogs'] }), [{ value: 'pet-1', label: 'Cats' }, { value: 'pet-2', label: 'Dogs' }]);
  });

  it('oneOf/anyOf of const + title are titled single-select enums; other combinators are not enums', () => {
    assert.deepEqual(enumChoices({ type: 'string', oneOf: [{ const: 'hero-1', title: 'Superman' }, { const: 'hero-2' }] }), [{ value: 'hero-1', label: 'Superman' }, { value: 'hero-2', label: 'hero-2' }]);
    assert.equal(enumChoices({ anyOf: [{ type: 'string' }, { type: 'number' }] }), undefined);
    assert.equal(enumChoices({ type: 'string' }), undefined);
  });

  it('arrays of an enum (plain or titled) are multi-selects', () => {
    assert.deepEqual(multiSelectChoices({ type: 'array', items: { type: 'string', enum: ['Guitar', 'Piano'] } })?.map(c => c.label), ['Guitar', 'Piano']);
    assert.deepEqual(multiSelectChoices({ type: 'array', items: { anyOf: [{ const: 'fish-1', title: 'Tuna' }] } }), [{ value: 'fish-1', label: 'Tuna' }]);
    assert.equal(multiSelectChoices({ type: 'array', items: { type: 'string' } }), undefined);
    assert.equal(multiSelectChoices({ type: 'string', enum: ['a'] }), undefined);
  });
});
