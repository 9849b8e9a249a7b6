import { defaultServerOptions, type ApprovalPolicy, type ServerOptions } from '../connection/types';
import type { ApprovalConfig, ServerConfig } from './schema';

function approvalPolicy(approval: ApprovalConfig): ApprovalPolicy {
  if (typeof approval === 'string') return { mode: approval };
  const policy: ApprovalPolicy = {};
  if (approval.default !== undefined) policy.mode = approval.default;
  if (approval.tools !== undefined) policy.tools = approval.tools;
  return policy;
}

/** The config's run options over `defaultServerOptions`. */
export function toServerOptions(config: ServerConfig): ServerOptions {
  const options: ServerOptions = { ...defaultServerOptions };
  if (config.disabled !== undefined) options.disabled = config.disabled;
  if (config.autoStart !== undefined) options.autoStart = config.autoStart;
  if (config.timeout !== undefined) options.timeoutMs = config.timeout;
  if (config.startupTimeout !== undefined) options.startupTimeoutMs = config.startupTimeout;
  if (config.maxTotalTimeout !== undefined) options.maxTotalTimeoutMs = config.maxTotalTimeout;
  if (config.healthCheckInterval !== undefined) options.healthCheckIntervalMs = config.healthCheckInterval;
  if (config.restart !== undefined) options.restart = config.restart;
  if (config.allowedTools !== undefined) options.allowedTools = [...config.allowedTools];
  if (config.excludedTools !== undefined) options.excludedTools = [...config.excludedTools];
  if (config.approval !== undefined) options.approval = approvalPolicy(config.approval);
  if (config.protocolVersion !== undefined) options.protocolVersion = config.protocolVersion;
  if (config.logLevel !== undefined) options.logLevel = config.logLevel;
  if (config.roots !== undefined) options.roots = [...config.roots];
  return options;
}
