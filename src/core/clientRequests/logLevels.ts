import type { LogLevel } from '../logger';

/** MCP's syslog levels (RFC 5424), lowest first: `logLevel` in the config and `notifications/message` use them. */
export const mcpLogLevels = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;
export type McpLogLevel = typeof mcpLogLevels[number];

export function isMcpLogLevel(v: unknown): v is McpLogLevel {
  return typeof v === 'string' && (mcpLogLevels as readonly string[]).includes(v);
}

/** Where a server's log message lands in its output channel. Unknown levels count as `info`. */
export function channelLevel(level: unknown): Exclude<LogLevel, 'trace'> {
  switch (level) {
    case 'debug': return 'debug';
    case 'info': case 'notice': return 'info';
    case 'warning': return 'warn';
    case 'error': case 'critical': case 'alert': case 'emergency': return 'error';
    default: return 'info';
  }
}
