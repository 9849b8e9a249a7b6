import { spawn, type ChildProcess } from 'node:child_process';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import type { StdioTarget } from '../core/connection/types';
import { McpFailure } from '../core/connection/failure';
import { LineBuffer } from './lineBuffer';
import { StderrLines } from './stderrLines';
import { cmdShimInvocation } from './windowsShim';
import { commandNotFoundMessage, resolveCommand } from './commandResolution';
import { descendantPids, isAlive, signalGroup, signalTree } from './processTree';

export interface ShutdownTimings {
  /** After closing stdin, how long to wait for the server to exit by itself. */
  stdinGraceMs: number;
  /** After SIGTERM, how long to wait before SIGKILL of the whole tree. */
  termGraceMs: number;
}
/** Last stderr lines quoted when the process exits by itself. */
const stderrTailLines = 5;

export const defaultShutdownTimings: ShutdownTimings = { stdinGraceMs: 1000, termGraceMs: 2000 };

export interface StdioTransportOptions {
  target: StdioTarget;
  timings?: ShutdownTimings;
  /** Largest single JSON-RPC line accepted (the SDK's own limit is 10 MB). */
  maxMessageBytes?: number;
  onStderr: (line: string) => void;
  /** A stdout line that is not JSON-RPC: logged, never fatal. */
  onBadLine?: (line: string, error: Error) => void;
}

/** Environment variables of the extension host that must not leak into servers. */
const hostOnlyEnv = /^(ELECTRON_RUN_AS_NODE|VSCODE_IPC_HOOK.*|VSCODE_NLS_CONFIG|VSCODE_HANDLES_UNCAUGHT_ERRORS|VSCODE_ESM_ENTRYPOINT|VSCODE_CODE_CACHE_PATH|VSCODE_CRASH_REPORTER_.*)$/;

export function buildServerEnv(target: StdioTarget, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !hostOnlyEnv.test(k)) env[k] = v;
  // A server started with the editor's own binary (Electron) must run it as Node.
  if (target.command === process.execPath && base.ELECTRON_RUN_AS_NODE) env.ELECTRON_RUN_AS_NODE = base.ELECTRON_RUN_AS_NODE;
  for (const [k, v] of Object.entries(target.env ?? {})) {
    if (v === null) delete env[k]; else env[k] = v;
  }
  return env;
}

/**
 * JSON.parse plus the shape check that tells a JSON-RPC message from other JSON. The SDK's `deserializeMessage` also
 * runs the full zod schema of every message, but the SDK's Protocol validates each message by kind again before it
 * uses it, so that first parse only cost CPU: about 7% of a tool call's client CPU in a profile of the stdio hot path.
 */
export function parseJsonRpcLine(line: string): JSONRPCMessage {
  const value: unknown = JSON.parse(line);
  if (!isJsonRpcShaped(value)) throw new Error('Not a JSON-RPC 2.0 message');
  return value as JSONRPCMessage;
}

function isJsonRpcShaped(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const m = value as { jsonrpc?: unknown; method?: unknown; id?: unknown; result?: unknown; error?: unknown };
  if (m.jsonrpc !== '2.0') return false;
  if (typeof m.method === 'string') return true;
  return (typeof m.id === 'string' || typeof m.id === 'number' || m.id === null) && (m.result !== undefined || m.error !== undefined);
}

/**
 * A stdio transport for the SDK Client that we control end to end: spawn with a clear ENOENT message and Windows
 * shim support, stderr line capture, large messages, and a shutdown that leaves no process behind.
 */
export class ManagedStdioTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  /** The traffic tap's receiver: gets each message with the line it was parsed from (see JsonTextTransportLike). */
  onmessageText?: (message: JSONRPCMessage, text: string) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  private child?: ChildProcess;
  private exited?: Promise<void>;
  private closing = false;
  private readonly timings: ShutdownTimings;
  private readonly stderrLines: StderrLines;
  private reaped?: Promise<void>;
  private readonly stderrTail: string[] = [];
  private failed = false;
  private closedNotified = false;
  private killGroupNow?: () => void;

  constructor(private readonly opts: StdioTransportOptions) {
    this.timings = opts.timings ?? defaultShutdownTimings;
    this.stderrLines = new StderrLines(line => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > stderrTailLines) this.stderrTail.shift();
      opts.onStderr(line);
    });
  }

  get pid(): number | undefined { return this.child?.pid; }
  /** With `pid`, tells the SDK this is a stdio transport (probe in place, silence means legacy). Read through onStderr. */
  get stderr(): NodeJS.ReadableStream | null { return this.child?.stderr ?? null; }

  async start(): Promise<void> {
    const { target } = this.opts;
    const cwd = target.cwd ?? process.cwd();
    const env = buildServerEnv(target);
    const resolved = resolveCommand(target.command, env, cwd);
    if (!resolved.path) throw new McpFailure('command-not-found', commandNotFoundMessage(target.command, resolved));
    const shell = resolved.needsShell;
    const { file, args } = shell ? cmdShimInvocation(resolved.path, target.args, process.env.ComSpec) : { file: resolved.path, args: target.args };
    const child = spawn(file, args, {
      cwd, env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, shell: false, windowsVerbatimArguments: shell,
      detached: process.platform !== 'win32',
    });
    this.child = child;
    this.exited = new Promise(resolve => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', err => reject(new McpFailure('spawn-failed', `Could not start "${target.command}": ${(err as Error).message}`, { cause: err })));
    });
    child.on('error', err => this.onerror?.(err));
    child.once('exit', (code, signal) => {
      this.reapGroup(child.pid!);
      this.stderrLines.flush();
      if (!this.closing) {
        const tail = this.stderrTail.length ? `\nstderr:\n${this.stderrTail.join('\n')}` : '';
        this.onerror?.(new McpFailure('process-exited', `Server process exited${signal ? ` by ${signal}` : ` with code ${code}`}${tail}`));
      }
      this.notifyClosed();
    });
    const maxBytes = this.opts.maxMessageBytes ?? 256 * 1024 * 1024;
    const lines = new LineBuffer(maxBytes, bytes => this.failFast(new Error(
      `The server sent a message of more than ${bytes} bytes, over the ${maxBytes}-byte limit: its pending calls were ended and the server is restarted`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (this.failed) return;
      for (const line of lines.push(chunk)) this.handleLine(line);
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => this.stderrLines.push(text));
    child.stdin!.on('error', err => { if (!this.closing) this.onerror?.(err); });
  }

  /** The session cannot go on (e.g. an oversized message): pending calls end now, the process is shut down behind. */
  private failFast(error: Error): void {
    this.failed = true;
    this.onerror?.(error);
    this.notifyClosed();
    void this.close();
  }

  private notifyClosed(): void {
    if (this.closedNotified) return;
    this.closedNotified = true;
    this.onclose?.();
  }

  private handleLine(line: string): void {
    if (!line.trim()) return;
    let message: JSONRPCMessage;
    try {
      message = parseJsonRpcLine(line);
    } catch (e) {
      const err = new Error(`Server wrote a line to stdout that is not JSON-RPC (stdout is reserved for the protocol; log to stderr): ${line.slice(0, 200)}`);
      this.opts.onBadLine?.(line, e as Error);
      this.onerror?.(err);
      return;
    }
    if (this.onmessageText) this.onmessageText(message, line);
    else this.onmessage?.(message);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.sendText(message, JSON.stringify(message));
  }

  /** Sends a message already serialized as `text` (the traffic tap keeps that same text). */
  sendText(_message: JSONRPCMessage, text: string): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed) return Promise.reject(new McpFailure('transport-closed', 'Not connected'));
    // No write callback: write errors surface through stdin's 'error' event, as in the SDK's own transport.
    return stdin.write(text + '\n') ? Promise.resolve() : new Promise(resolve => stdin.once('drain', resolve));
  }

  /**
   * The server process ended (by itself or by close()): whatever is left of its process group gets SIGTERM, then SIGKILL
   * after the grace time, so no child outlives it. The group id stays reserved while members live, so this never
   * signals an unrelated process.
   */
  private reapGroup(pid: number): void {
    if (process.platform === 'win32' || !signalGroup(pid, 'SIGTERM')) return;
    this.reaped = new Promise<void>(resolve => {
      const finish = () => { clearTimeout(timer); this.killGroupNow = undefined; signalGroup(pid, 'SIGKILL'); resolve(); };
      const timer = setTimeout(finish, this.timings.termGraceMs);
      this.killGroupNow = finish;
    });
  }

  /** Ends stdin, waits, SIGTERMs the process group, waits, then SIGKILLs the whole tree. Always settles. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.closing) { await this.exited; return; }
    this.closing = true;
    const pid = child.pid!;
    const tree = descendantPids(pid);
    const exitedWithin = (ms: number) => Promise.race([this.exited!.then(() => true), new Promise<boolean>(r => setTimeout(() => r(false), ms).unref())]);
    try { child.stdin?.end(); } catch { /* already closed */ }
    if (child.exitCode === null && child.signalCode === null && !(await exitedWithin(this.timings.stdinGraceMs))) {
      signalTree(pid, 'SIGTERM', tree);
      if (!(await exitedWithin(this.timings.termGraceMs))) signalTree(pid, 'SIGKILL', [...tree, ...descendantPids(pid)]);
    }
    await exitedWithin(this.timings.termGraceMs);
    // Children that outlived their parent (e.g. npx's node) are killed too.
    for (const d of tree) if (isAlive(d)) signalTree(d, 'SIGKILL');
    // close() already gave the server its grace times: what is left of its group goes now.
    this.killGroupNow?.();
    await this.reaped;
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
}
