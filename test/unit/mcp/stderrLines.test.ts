import * as assert from 'node:assert/strict';
import { ManagedStdioTransport } from '../../../src/mcp/stdioTransport';
import { StderrLines, maxStderrLineChars } from '../../../src/mcp/stderrLines';
import { LineBuffer } from '../../../src/mcp/lineBuffer';
import { stdioCommand } from '../../fixtures/servers/index';

describe('stderr lines', () => {
  it('splits chunks into lines, across chunk boundaries, dropping \\r and empty lines', () => {
    const lines: string[] = [];
    const s = new StderrLines(l => lines.push(l));
    s.push('one\r\ntw');
    s.push('o\n\nthr');
    s.push('ee');
    s.flush();
    assert.deepEqual(lines, ['one', 'two', 'three']);
  });

  it('keeps the first 64 KiB of an endless line and says how much it dropped', () => {
    const lines: string[] = [];
    const s = new StderrLines(l => lines.push(l));
    const chunk = 'e'.repeat(65_536);
    for (let i = 0; i < 160; i++) s.push(chunk);
    s.push('\nnext line\n');
    assert.equal(lines.length, 2);
    assert.equal(lines[0], 'e'.repeat(maxStderrLineChars) + `…[truncated ${160 * 65_536 - maxStderrLineChars} characters]`);
    assert.equal(lines[1], 'next line');
  });

  it('a server writing a 20 MB stderr line yields a capped line, and its next lines still arrive', async () => {
    const lines: string[] = [];
    let ready!: () => void;
    const sawReady = new Promise<void>(r => { ready = r; });
    const transport = new ManagedStdioTransport({
      target: { type: 'stdio', ...stdioCommand('hostile.mjs', '--stderr-line-mb', '20') },
      timings: { stdinGraceMs: 200, termGraceMs: 500 },
      onStderr: line => { lines.push(line); if (line.includes('hostile: ready')) ready(); },
    });
    await transport.start();
    try {
      await sawReady;
      const long = lines.find(l => l.startsWith('eee'))!;
      assert.ok(long.length < maxStderrLineChars + 100, `line of ${long.length} characters`);
      assert.match(long, /…\[truncated 20905984 characters\]$/);
    } finally {
      await transport.close();
    }
  });
});

describe('stdout line buffer', () => {
  it('joins a message split across chunks, including a multi-byte character cut in half, and splits several per chunk', () => {
    const lines: string[] = [];
    const buffer = new LineBuffer(1024, () => assert.fail('no overflow expected'));
    const bytes = Buffer.from('{"a":"é€"}\r\n{"b":1}\n{"c"');
    for (const cut of [3, 6, 9]) lines.push(...buffer.push(bytes.subarray(cut - 3, cut)));
    lines.push(...buffer.push(bytes.subarray(9)));
    lines.push(...buffer.push(Buffer.from(':2}\n')));
    assert.deepEqual(lines, ['{"a":"é€"}', '{"b":1}', '{"c":2}']);
  });

  it('reports a line over the cap once and starts afresh', () => {
    const overflows: number[] = [];
    const buffer = new LineBuffer(10, bytes => overflows.push(bytes));
    buffer.push(Buffer.from('0123456789abc'));
    assert.deepEqual(overflows, [13]);
    assert.deepEqual(buffer.push(Buffer.from('\nok\n')), ['', 'ok']);
  });
});
