import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { fixturePath } from '../../fixtures/servers/index';
import { parseAnswers } from '../../../src/cli/answersFile';
import { terminalElicitation } from '../../../src/cli/terminalElicitation';
import { parseCliArgs } from '../../../src/cli/parseArgs';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli.ts'), ...args], { encoding: 'utf8', timeout: 60_000, stdio: ['pipe', 'pipe', 'pipe'] });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const textOf = (stdout: string) => (JSON.parse(stdout) as { content: { text: string }[] }).content.map(c => c.text).join('\n');
const asker = ['--', process.execPath, fixturePath('asker.mjs')];

describe('CLI: servers that ask back', function () {
  this.timeout(90_000);

  it('answers from --answers FILE reach the server', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpsb-answers-'));
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify([{ action: 'accept', content: { name: 'Ada', age: 36 } }]));
    const r = cli('call', 'ask', '--answers', file, ...asker);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(textOf(r.stdout)), { action: 'accept', content: { name: 'Ada', age: 36 } });
  });

  it('without a terminal and without --answers, a question is declined and stderr says why', () => {
    const r = cli('call', 'ask', ...asker);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(textOf(r.stdout)), { action: 'decline' });
    assert.match(r.stderr, /asker asked "Who are you\?" but stdin is not a terminal: declined\. Pass --answers FILE/);
  });

  it('offers --root folders (or the cwd) as roots', () => {
    const r = cli('call', 'roots', '--root', tmpdir(), ...asker);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(textOf(r.stdout)).map((x: { uri: string }) => x.uri), [pathToFileURL(tmpdir()).href]);
    const cwd = cli('call', 'roots', ...asker);
    assert.deepEqual(JSON.parse(textOf(cwd.stdout)).map((x: { uri: string }) => x.uri), [pathToFileURL(process.cwd()).href]);
  });

  it('asks for progress, prints it to stderr, and progress extends --timeout', () => {
    // 8 steps of 300 ms (2.4 s) against a 1 s timeout: only progress keeps the call alive.
    const r = cli('call', 'progress', '--args', '{"steps":8,"stepMs":300}', '--timeout', '1000', ...asker);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(textOf(r.stdout), 'done after 8 steps');
    assert.match(r.stderr, /progress: 1\/8 step 1\n[\s\S]*progress: 7\/8 step 7/);
  });

  it('parses --answers and --root, and rejects malformed answers with the place', () => {
    assert.deepEqual(parseCliArgs(['call', 'x', '--root', 'a', '--root', 'b', '--answers', 'f.json', '--', 'node']).roots, ['a', 'b']);
    assert.deepEqual(parseAnswers('{"name":"Ada"}', 'f.json'), [{ action: 'accept', content: { name: 'Ada' } }]);
    assert.deepEqual(parseAnswers('[{"action":"decline"},{"action":"cancel"}]', 'f.json'), [{ action: 'decline' }, { action: 'cancel' }]);
    assert.throws(() => parseAnswers('[{"action":"maybe"}]', 'f.json'), /f\.json \[0\]: "action" must be accept, decline or cancel/);
    assert.throws(() => parseAnswers('[1]', 'f.json'), /f\.json \[0\]: each answer must be a JSON object/);
    assert.throws(() => parseAnswers('{', 'f.json'), /f\.json is not valid JSON/);
  });

  it('on a terminal, asks each field (choices numbered, defaults kept, bad values asked again)', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    const lines = ['a', 'Ada', '200', '36', '2', ''];
    // Like a person: each line is typed once its question is shown.
    output.on('data', d => { shown += String(d); if (/: $/.test(String(d)) && lines.length) input.write(`${lines.shift()}\n`); });
    const tty = terminalElicitation({ input, output, isTty: true });
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', title: 'Name' },
        age: { type: 'integer', minimum: 0, maximum: 150 },
        color: { type: 'string', oneOf: [{ const: 'r', title: 'Red' }, { const: 'g', title: 'Green' }] },
        subscribe: { type: 'boolean', default: true },
      },
      required: ['name'],
    };
    const answer = tty({ mode: 'form', message: 'Who are you?', requestedSchema: schema }, { server: 'asker', signal: new AbortController().signal });
    assert.deepEqual(await answer, { action: 'accept', content: { name: 'Ada', age: 36, color: 'g', subscribe: true } });
    assert.match(shown, /asker asks: Who are you\?/);
    assert.match(shown, /1\. Red \(r\)\n\s+2\. Green \(g\)/);
    assert.match(shown, /must be <= 150/);
  });
});
