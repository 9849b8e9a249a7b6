import * as assert from 'node:assert/strict';
import { allowedModels, chooseModel, type ChatModelInfo } from '../../../../src/core/sampling/modelChoice';

const model = (vendor: string, id: string, family: string, maxInputTokens: number): ChatModelInfo => ({ vendor, id, family, name: `${family} model`, maxInputTokens });
const small = model('copilot', 'gpt-4o-mini', 'gpt-4o-mini', 16_000);
const large = model('copilot', 'claude-sonnet-4', 'claude-sonnet', 200_000);
const mid = model('ollama', 'llama3', 'llama', 64_000);
const all = [mid, small, large];

describe('sampling model choice', () => {
  it('takes the first hint that matches a model (substring of id, family or name), in the server order', () => {
    assert.equal(chooseModel(all, { hints: [{ name: 'gemini' }, { name: 'claude' }, { name: 'llama' }] }), large);
    assert.equal(chooseModel(all, { hints: [{ name: 'LLAMA' }] }), mid);
  });

  it('ranks by priorities when no hint matches: intelligence favours the largest context, cost or speed the smallest', () => {
    assert.equal(chooseModel(all, { hints: [{ name: 'gemini' }], intelligencePriority: 0.9, costPriority: 0.1 }), large);
    assert.equal(chooseModel(all, { costPriority: 0.8, intelligencePriority: 0.2 }), small);
    assert.equal(chooseModel(all, { speedPriority: 1 }), small);
  });

  it('ranks among the models a hint matched', () => {
    const bigLlama = model('ollama', 'llama3-70b', 'llama', 128_000);
    assert.equal(chooseModel([mid, bigLlama, large], { hints: [{ name: 'llama' }], intelligencePriority: 1 }), bigLlama);
  });

  it('without preferences takes the first model, and none when there are no models', () => {
    assert.equal(chooseModel(all, undefined), mid);
    assert.equal(chooseModel([], { hints: [{ name: 'claude' }] }), undefined);
  });

  it('allowedModels matches id, family, name or vendor/id case-insensitively; empty allows all', () => {
    assert.deepEqual(allowedModels(all, []), all);
    assert.deepEqual(allowedModels(all, ['CLAUDE-SONNET']), [large]);
    assert.deepEqual(allowedModels(all, ['ollama/llama3', 'gpt-4o-mini model']), [mid, small]);
    assert.deepEqual(allowedModels(all, ['gpt']), []);
  });
});
