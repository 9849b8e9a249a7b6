import { McpFailure } from '../core/connection/failure';

/** JSON-RPC code of "the request's client capabilities do not declare the required capability" (MCP 2026-07-28). */
const missingClientCapability = -32021;

/**
 * The CLI declares no `sampling` capability: it has no language model. A 2026 server that needs sampling answers
 * -32021 naming it; say what that means instead of the protocol wording. 2025 servers see no capability and do not
 * offer their sampling tools at all.
 */
export function describeCliFailure(e: unknown): string {
  const message = (e as Error)?.message ?? String(e);
  if (!(e instanceof McpFailure) || e.code !== missingClientCapability) return message;
  const required = (e.data as { requiredCapabilities?: Record<string, unknown> } | undefined)?.requiredCapabilities ?? {};
  if (!('sampling' in required)) return message;
  return 'the server asked to sample a language model (sampling/createMessage), but the MCP Switchboard CLI has no language model, so it refuses sampling. '
    + 'Run the tool from VS Code, where MCP Switchboard answers sampling through the chat models you have.';
}
