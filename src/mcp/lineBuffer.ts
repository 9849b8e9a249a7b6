import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream into lines without re-copying the whole buffer on every chunk (the SDK's ReadBuffer does
 * `Buffer.concat` per chunk, which is quadratic for a 20 MB message, and caps messages at 10 MB). Each chunk of a long
 * line is decoded as it arrives, so the raw bytes are garbage at once and a large message costs its text, not also a
 * concatenated buffer of it.
 */
export class LineBuffer {
  private pieces: string[] = [];
  private decoder = new StringDecoder('utf8');
  private pending = 0;

  constructor(private readonly maxLineBytes: number, private readonly onOverflow: (bytes: number) => void) {}

  /** Appends a chunk and returns every complete line (without the newline or a trailing \r). */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    let nl = chunk.indexOf(10);
    while (nl !== -1) {
      const head = chunk.subarray(start, nl);
      let line: string;
      if (this.pieces.length) {
        this.pieces.push(this.decoder.write(head) + this.decoder.end());
        line = this.pieces.join('');
        this.pieces = [];
        this.pending = 0;
      } else {
        line = head.toString('utf8');
      }
      if (line.endsWith('\r')) line = line.slice(0, -1);
      lines.push(line);
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pending += rest.length;
      if (this.pending > this.maxLineBytes) {
        const dropped = this.pending;
        this.clear();
        this.onOverflow(dropped);
      } else {
        this.pieces.push(this.decoder.write(rest));
      }
    }
    return lines;
  }

  clear(): void { this.pieces = []; this.pending = 0; this.decoder = new StringDecoder('utf8'); }
}
