import type { ExchangeStatus } from '../../shared/traffic';

export type RequestId = string | number;

export const TOOLS_CALL = 'tools/call';
export const CANCELLED_NOTIFICATION = 'notifications/cancelled';
export const LOG_MESSAGE_NOTIFICATION = 'notifications/message';

/** The tool name of a tools/call request. */
export function toolName(message: any): string | undefined {
  const name = message?.params?.name;
  return typeof name === 'string' ? name : undefined;
}

/** A tools/call result with `isError: true` is a failed call even though the JSON-RPC exchange succeeded. */
export function resultFailure(method: string, message: any): string | undefined {
  if (method !== TOOLS_CALL || message?.result?.isError !== true) return undefined;
  const content: unknown = message.result.content;
  const text = Array.isArray(content) ? content.find((c: any) => c?.type === 'text' && typeof c.text === 'string')?.text : undefined;
  return typeof text === 'string' && text.length > 0 ? text.slice(0, 500) : 'Tool reported an error';
}

/** The cancelled request's id and reason from a `notifications/cancelled` message. */
export function cancellationOf(message: any): { id: RequestId; reason: string } | undefined {
  const id = message?.params?.requestId;
  if (!isRequestId(id)) return undefined;
  const reason = message.params.reason;
  return { id, reason: typeof reason === 'string' ? reason : 'Cancelled' };
}

/** The SDK cancels timed-out requests with `reason: String(McpError(-32001, 'Request timed out'))`. */
export function cancellationStatus(reason: string): Extract<ExchangeStatus, 'timeout' | 'cancelled'> {
  return /timed?[\s_-]*out|timeout|-32001/i.test(reason) ? 'timeout' : 'cancelled';
}

export function isRequestId(id: unknown): id is RequestId {
  return typeof id === 'string' || typeof id === 'number';
}
