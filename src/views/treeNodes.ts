import type { McpPrompt, McpResource, McpResourceTemplate, QualifiedTool } from '../core/connection/catalog';
import type { BlockReason } from '../core/connection/types';

/** Why a server shows a problem child. */
/** `catalog`: a list failed or the server listed invalid tools, while the connection itself is fine. */
export type ProblemKind = 'error' | 'degraded' | 'waiting-to-retry' | 'catalog' | `blocked.${BlockReason}`;

/** Tree node model, separate from the TreeDataProvider; `kind` drives rendering and `contextValue` drives menus. */
export type TreeNode =
  | { kind: 'server'; server: string }
  | { kind: 'problem'; server: string; problem: ProblemKind; message: string; hint?: string }
  | { kind: 'group'; server: string; group: GroupKind }
  | { kind: 'tool'; server: string; tool: QualifiedTool }
  | { kind: 'resource'; server: string; resource: McpResource }
  | { kind: 'resourceTemplate'; server: string; template: McpResourceTemplate }
  | { kind: 'prompt'; server: string; prompt: McpPrompt }
  /** A task-augmented tool call (engine.tasks), running or recently finished. */
  | { kind: 'task'; server: string; taskId: string }
  /** A leaf that only explains something ("No tools match the filter"). */
  | { kind: 'info'; server: string; id: string; message: string };

export type GroupKind = 'tools' | 'resources' | 'resourceTemplates' | 'prompts';

export const groupKinds: readonly GroupKind[] = ['tools', 'resources', 'resourceTemplates', 'prompts'];

export const groupLabels: Record<GroupKind, string> = {
  tools: 'Tools', resources: 'Resources', resourceTemplates: 'Resource Templates', prompts: 'Prompts',
};

export function groupOf(node: TreeNode): GroupKind | undefined {
  switch (node.kind) {
    case 'tool': return 'tools';
    case 'resource': return 'resources';
    case 'resourceTemplate': return 'resourceTemplates';
    case 'prompt': return 'prompts';
    default: return undefined;
  }
}

/** Something a command can act on: a tree node, or the server name given by the palette, a test or another command. */
export type ServerArg = TreeNode | string | { server: string } | undefined;

export function serverOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { server?: unknown }).server === 'string') return (arg as { server: string }).server;
  return undefined;
}

export function isTreeNode(arg: unknown): arg is TreeNode {
  return !!arg && typeof arg === 'object' && typeof (arg as { kind?: unknown }).kind === 'string' && typeof (arg as { server?: unknown }).server === 'string';
}
