import type { TaskChannel } from './toolTask';

type RawRequest = (method: string, params: Record<string, unknown>) => Promise<unknown>;

/** The tasks protocol (2025-11-25) for one tool call, over a raw request function. */
export function toolTaskChannel(request: RawRequest, tool: string, args: Record<string, unknown>): TaskChannel {
  return {
    create: ttl => request('tools/call', { name: tool, arguments: args, task: { ttl } }),
    get: taskId => request('tasks/get', { taskId }),
    result: taskId => request('tasks/result', { taskId }),
    cancel: taskId => request('tasks/cancel', { taskId }),
  };
}

/** Whether a listed tool must (or may) be called as a task: `execution.taskSupport` of 2025-11-25. */
export function taskSupportOf(tool: { execution?: unknown } | undefined): 'required' | 'optional' | 'forbidden' {
  const support = (tool?.execution as { taskSupport?: unknown } | undefined)?.taskSupport;
  return support === 'required' || support === 'optional' ? support : 'forbidden';
}
