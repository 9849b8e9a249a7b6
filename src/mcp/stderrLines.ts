/** The longest stderr line kept whole; the rest of a longer line is dropped and counted. */
export const maxStderrLineChars = 64 * 1024;

/**
 * Splits stderr text into lines in time linear in the input: only the new chunk is searched for newlines, and the
 * partial line is capped, so one endless line neither freezes the extension host nor grows its memory.
 */
export class StderrLines {
  private partial = '';
  private dropped = 0;

  constructor(private readonly onLine: (line: string) => void, private readonly maxChars = maxStderrLineChars) {}

  push(text: string): void {
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      this.append(text, start, nl);
      this.emit();
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length) this.append(text, start, text.length);
  }

  /** Emits what is left of an unterminated last line (the process ended). */
  flush(): void {
    if (this.partial || this.dropped) this.emit();
  }

  private append(text: string, from: number, to: number): void {
    const room = this.maxChars - this.partial.length;
    const take = Math.min(room, to - from);
    if (take > 0) this.partial += text.slice(from, from + take);
    this.dropped += to - from - Math.max(0, take);
  }

  private emit(): void {
    let line = this.partial.endsWith('\r') && !this.dropped ? this.partial.slice(0, -1) : this.partial;
    if (this.dropped) line += `…[truncated ${this.dropped} characters]`;
    this.partial = '';
    this.dropped = 0;
    if (line.length) this.onLine(line);
  }
}
