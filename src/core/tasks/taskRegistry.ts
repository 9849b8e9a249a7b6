import { Emitter } from '../events';
import type { ToolCallResult } from '../connection/catalog';
import { defaultTaskLimits, isFinalTaskState, ToolTask, type TaskChannel, type TaskLimits, type ToolTaskState } from './toolTask';

/** One task-augmented tool call as the tree, the status bar and the commands see it. */
export interface TaskEntry {
  /** Ours, unique in this window (the server's taskId is only known once it answered). */
  id: string;
  server: string;
  tool: string;
  args: Record<string, unknown>;
  startedAt: number;
  endedAt?: number;
  state: ToolTaskState;
}

/** Finished tasks kept for the tree, newest first; older ones are forgotten. */
const MAX_FINISHED = 20;

/** Every task-augmented tool call of the engine: running ones and the last finished ones. */
export class TaskRegistry {
  private readonly changeEmitter = new Emitter<TaskEntry>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly entries = new Map<string, { entry: TaskEntry; task: ToolTask }>();
  private seq = 0;

  constructor(private readonly limits: TaskLimits = defaultTaskLimits, private readonly now: () => number = Date.now) {}

  /** Runs a tool call as a task; settles like the call would. */
  run(server: string, tool: string, channel: TaskChannel, opts: { args?: Record<string, unknown>; signal?: AbortSignal; onStatus?: (message: string) => void; maxDurationMs?: number } = {}): Promise<ToolCallResult> {
    const limits = opts.maxDurationMs ? { ...this.limits, maxDurationMs: Math.min(this.limits.maxDurationMs, opts.maxDurationMs) } : this.limits;
    const task = new ToolTask(channel, limits, this.now);
    const entry: TaskEntry = { id: `task-${++this.seq}`, server, tool, args: opts.args ?? {}, startedAt: this.now(), state: task.state };
    this.entries.set(entry.id, { entry, task });
    task.onDidChangeState(state => {
      entry.state = state;
      if ((state.kind === 'working' || state.kind === 'input_required') && state.message) opts.onStatus?.(state.message);
      if (isFinalTaskState(state)) { entry.endedAt = this.now(); this.prune(); }
      this.changeEmitter.fire(entry);
    });
    this.changeEmitter.fire(entry);
    return task.run(opts.signal);
  }

  list(server?: string): TaskEntry[] {
    const all = [...this.entries.values()].map(e => e.entry);
    return (server === undefined ? all : all.filter(e => e.server === server)).reverse();
  }

  running(): TaskEntry[] { return this.list().filter(e => !isFinalTaskState(e.state)); }

  get(id: string): TaskEntry | undefined { return this.entries.get(id)?.entry; }

  cancel(id: string): void { this.entries.get(id)?.task.cancel(); }

  /** Cancels the running tasks of a server (it is being stopped or removed). */
  cancelServer(server: string, reason: string): void {
    for (const { entry, task } of this.entries.values()) if (entry.server === server) task.cancel(reason);
  }

  private prune(): void {
    const finished = [...this.entries.values()].filter(e => isFinalTaskState(e.entry.state));
    for (const old of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED))) this.entries.delete(old.entry.id);
  }

  dispose(): void {
    for (const { task } of this.entries.values()) task.cancel('MCP Switchboard is shutting down');
    this.changeEmitter.dispose();
  }
}
