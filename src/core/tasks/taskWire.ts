/** The `Task` object of the 2025-11-25 tasks protocol, read defensively: a server's answer is untrusted input. */
export type TaskWireStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

export interface TaskSnapshot {
  taskId: string;
  status: TaskWireStatus;
  statusMessage?: string;
  pollInterval?: number;
}

const statuses: readonly TaskWireStatus[] = ['working', 'input_required', 'completed', 'failed', 'cancelled'];

export function parseTask(raw: unknown): TaskSnapshot {
  if (typeof raw !== 'object' || raw === null) throw new Error('The server answered without a task object');
  const t = raw as Record<string, unknown>;
  if (typeof t.taskId !== 'string' || !t.taskId) throw new Error('The server\'s task has no "taskId"');
  if (!statuses.includes(t.status as TaskWireStatus)) throw new Error(`The server's task ${t.taskId} has an unknown status ${JSON.stringify(t.status)?.slice(0, 50)}`);
  return {
    taskId: t.taskId,
    status: t.status as TaskWireStatus,
    statusMessage: typeof t.statusMessage === 'string' ? t.statusMessage.slice(0, 1000) : undefined,
    pollInterval: typeof t.pollInterval === 'number' && Number.isFinite(t.pollInterval) ? t.pollInterval : undefined,
  };
}
