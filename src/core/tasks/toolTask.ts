import { Emitter } from '../events';
import { McpFailure } from '../connection/failure';
import type { ToolCallResult } from '../connection/catalog';
import { parseTask, type TaskSnapshot } from './taskWire';

/** Where a task-augmented tool call stands. `completed`, `failed`, `cancelled` and `error` are final. */
export type ToolTaskState =
  | { kind: 'submitting' }
  | { kind: 'working' | 'input_required'; taskId: string; message?: string }
  | { kind: 'completed'; taskId: string; result: ToolCallResult }
  | { kind: 'failed'; taskId: string; message: string }
  | { kind: 'cancelled'; taskId?: string; message: string }
  | { kind: 'error'; taskId?: string; message: string };

export type ToolTaskStateKind = ToolTaskState['kind'];

export const isFinalTaskState = (s: ToolTaskState): boolean =>
  s.kind === 'completed' || s.kind === 'failed' || s.kind === 'cancelled' || s.kind === 'error';

/** The four requests of the 2025-11-25 tasks protocol, already bound to one server and tool call. */
export interface TaskChannel {
  /** `tools/call` with a `task` parameter. */
  create(ttlMs: number): Promise<unknown>;
  get(taskId: string): Promise<unknown>;
  result(taskId: string): Promise<unknown>;
  cancel(taskId: string): Promise<unknown>;
}

export interface TaskLimits {
  /** Poll interval when the server suggests none. */
  defaultPollMs: number;
  /** A server's pollInterval is clamped into [minPollMs, maxPollMs]: 0 must not spin, 1 day must not stall. */
  minPollMs: number;
  maxPollMs: number;
  /** A task still running after this long is cancelled and ends in `error`. */
  maxDurationMs: number;
  /** Consecutive failed `tasks/get` polls before the task ends in `error`. */
  maxPollFailures: number;
  /** The ttl asked for at creation. */
  ttlMs: number;
}

export const defaultTaskLimits: TaskLimits = {
  defaultPollMs: 1000, minPollMs: 100, maxPollMs: 30_000, maxDurationMs: 60 * 60_000, maxPollFailures: 3, ttlMs: 60 * 60_000,
};

const isToolResult = (v: unknown): v is ToolCallResult =>
  typeof v === 'object' && v !== null && Array.isArray((v as ToolCallResult).content);

/**
 * One task-augmented tool call: creates the task, polls `tasks/get` at the server's pollInterval, fetches
 * `tasks/result` when it completes, and sends `tasks/cancel` when cancelled or past the duration cap. `run()` always
 * settles: with the tool result, or with an McpFailure saying how the task ended.
 */
export class ToolTask {
  private readonly stateEmitter = new Emitter<ToolTaskState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private current: ToolTaskState = { kind: 'submitting' };
  private readonly stop = new AbortController();
  private taskId?: string;
  private cancelReason?: string;

  constructor(
    private readonly channel: TaskChannel,
    private readonly limits: TaskLimits = defaultTaskLimits,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): ToolTaskState { return this.current; }

  /** Asks the server to cancel (once the task exists) and ends the run as `cancelled`. */
  cancel(reason = 'Cancelled by the user'): void {
    if (isFinalTaskState(this.current) || this.cancelReason) return;
    this.cancelReason = reason;
    this.stop.abort();
  }

  async run(signal?: AbortSignal): Promise<ToolCallResult> {
    const onAbort = () => this.cancel('Cancelled by the caller');
    if (signal?.aborted) onAbort(); else signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.drive();
    } catch (e) {
      if (!isFinalTaskState(this.current)) this.set({ kind: 'error', taskId: this.taskId, message: (e as Error).message ?? String(e) });
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.stateEmitter.dispose();
    }
  }

  private async drive(): Promise<ToolCallResult> {
    const started = this.now();
    const created = await this.channel.create(this.limits.ttlMs);
    // A server may answer a task-augmented call with the plain result (the task parameter is a request, not an order).
    if (isToolResult(created)) { this.set({ kind: 'completed', taskId: '', result: created }); return created; }
    let task = parseTask((created as { task?: unknown } | undefined)?.task);
    this.taskId = task.taskId;
    let pollFailures = 0;
    for (;;) {
      this.set(task.status === 'working' || task.status === 'input_required'
        ? { kind: task.status, taskId: task.taskId, message: task.statusMessage } : this.current);
      if (task.status === 'completed') return this.finishCompleted(task);
      if (task.status === 'failed') return this.finishFailed(task);
      if (task.status === 'cancelled') return this.finishCancelled(task.statusMessage ?? 'The server cancelled the task');
      if (this.cancelReason) return this.cancelOnServer(this.cancelReason);
      if (task.status === 'input_required') return this.answerInput(task);
      if (this.now() - started >= this.limits.maxDurationMs) {
        await this.channel.cancel(task.taskId).catch(() => {});
        return this.fail({ kind: 'error', taskId: task.taskId, message: `The task did not finish within ${Math.round(this.limits.maxDurationMs / 1000)} s; it was cancelled` }, 'timeout');
      }
      await this.sleep(this.pollDelay(task));
      if (this.cancelReason) return this.cancelOnServer(this.cancelReason);
      try {
        task = parseTask(await this.channel.get(task.taskId));
        pollFailures = 0;
      } catch (e) {
        if (++pollFailures >= this.limits.maxPollFailures) {
          return this.fail({ kind: 'error', taskId: this.taskId, message: `tasks/get failed ${pollFailures} times in a row: ${(e as Error).message}` }, 'server-error');
        }
      }
    }
  }

  private pollDelay(task: TaskSnapshot): number {
    const wanted = task.pollInterval ?? this.limits.defaultPollMs;
    return Math.min(this.limits.maxPollMs, Math.max(this.limits.minPollMs, wanted));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const done = () => { clearTimeout(timer); this.stop.signal.removeEventListener('abort', done); resolve(); };
      const timer = setTimeout(done, ms);
      this.stop.signal.addEventListener('abort', done, { once: true });
    });
  }

  private async finishCompleted(task: TaskSnapshot): Promise<ToolCallResult> {
    const result = await this.channel.result(task.taskId);
    if (!isToolResult(result)) throw new McpFailure('protocol', `tasks/result for task ${task.taskId} answered without a "content" list`);
    this.set({ kind: 'completed', taskId: task.taskId, result });
    return result;
  }

  /**
   * A task waiting for input delivers its questions (elicitation, sampling) on the `tasks/result` exchange, which then
   * blocks until the task ends: polling `tasks/get` alone would wait out the duration cap.
   */
  private async answerInput(task: TaskSnapshot): Promise<ToolCallResult> {
    const cancelled = new Promise<'cancelled'>(resolve => {
      if (this.stop.signal.aborted) resolve('cancelled');
      else this.stop.signal.addEventListener('abort', () => resolve('cancelled'), { once: true });
    });
    const outcome = await Promise.race([
      this.channel.result(task.taskId).then(result => ({ result }), (error: unknown) => ({ error })),
      cancelled,
    ]);
    if (outcome === 'cancelled') return this.cancelOnServer(this.cancelReason ?? 'Cancelled');
    if ('error' in outcome) {
      const message = `tasks/result for task ${task.taskId} failed while it waited for input: ${(outcome.error as Error)?.message ?? String(outcome.error)}`;
      return this.fail({ kind: 'error', taskId: task.taskId, message }, 'server-error');
    }
    if (!isToolResult(outcome.result)) throw new McpFailure('protocol', `tasks/result for task ${task.taskId} answered without a "content" list`);
    this.set({ kind: 'completed', taskId: task.taskId, result: outcome.result });
    return outcome.result;
  }

  private async finishFailed(task: TaskSnapshot): Promise<ToolCallResult> {
    // The failed task's result usually says why (an isError tool result); without one the status message does.
    const result = await this.channel.result(task.taskId).catch(() => undefined);
    const message = task.statusMessage ?? (isToolResult(result) ? textOf(result) : undefined) ?? 'The task failed';
    this.set({ kind: 'failed', taskId: task.taskId, message });
    if (isToolResult(result)) return { ...result, isError: true };
    throw new McpFailure('server-error', message);
  }

  private finishCancelled(message: string): never {
    return this.fail({ kind: 'cancelled', taskId: this.taskId, message }, 'cancelled');
  }

  private async cancelOnServer(reason: string): Promise<never> {
    let note = '';
    if (this.taskId) await this.channel.cancel(this.taskId).catch((e: Error) => { note = ` (tasks/cancel failed: ${e.message})`; });
    return this.finishCancelled(reason + note);
  }

  private fail(state: Extract<ToolTaskState, { kind: 'cancelled' | 'error' }>, kind: 'cancelled' | 'timeout' | 'server-error'): never {
    this.set(state);
    throw new McpFailure(kind, state.message);
  }

  private set(next: ToolTaskState): void {
    const prev = this.current;
    if (prev === next) return;
    if (prev.kind === next.kind && 'message' in prev && 'message' in next && prev.message === next.message) return;
    this.current = next;
    this.stateEmitter.fire(next);
  }
}

function textOf(result: ToolCallResult): string | undefined {
  const text = result.content.map(c => (c as { type?: string; text?: string }).type === 'text' ? (c as { text: string }).text : '').join('\n').trim();
  return text ? text.slice(0, 500) : undefined;
}
