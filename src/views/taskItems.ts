import * as vscode from 'vscode';
import { assertNever } from '../shared/assertNever';
import type { TaskEntry } from '../core/tasks/taskRegistry';
import type { ToolTaskState } from '../core/tasks/toolTask';
import { Commands } from '../common/ids';
import { escapeMarkdown, formatDuration, inlineCode, truncate } from './markdown';

export function taskStateLabel(state: ToolTaskState): string {
  switch (state.kind) {
    case 'submitting': return 'starting';
    case 'working': return 'working';
    case 'input_required': return 'needs input';
    case 'completed': return 'completed';
    case 'failed': return 'failed';
    case 'cancelled': return 'cancelled';
    case 'error': return 'error';
    default: return assertNever(state);
  }
}

function taskIcon(state: ToolTaskState): vscode.ThemeIcon {
  switch (state.kind) {
    case 'submitting': case 'working': return new vscode.ThemeIcon('sync~spin');
    case 'input_required': return new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground'));
    case 'completed': return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed': case 'error': return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    case 'cancelled': return new vscode.ThemeIcon('circle-slash');
    default: return assertNever(state);
  }
}

const isRunning = (s: ToolTaskState) => s.kind === 'submitting' || s.kind === 'working' || s.kind === 'input_required';

const messageOf = (s: ToolTaskState): string | undefined => ('message' in s ? s.message : undefined);

/** `task.running` (Cancel), `task.completed` (Open Result) or `task.ended`: menus match on it. */
export function taskContextValue(state: ToolTaskState): string {
  return isRunning(state) ? 'task.running' : state.kind === 'completed' ? 'task.completed' : 'task.ended';
}

export function taskItem(entry: TaskEntry): vscode.TreeItem {
  const item = new vscode.TreeItem(`Task: ${entry.tool}`, vscode.TreeItemCollapsibleState.None);
  item.id = `task/${entry.server}/${entry.id}`;
  item.iconPath = taskIcon(entry.state);
  // No ticking clock for a running task (re-rendering the row every second would swallow clicks on its Cancel):
  // when it started, then how long it took.
  const elapsed = entry.endedAt === undefined ? `since ${new Date(entry.startedAt).toLocaleTimeString()}` : formatDuration(entry.endedAt - entry.startedAt);
  const message = messageOf(entry.state);
  item.description = `${taskStateLabel(entry.state)} · ${elapsed}${message ? ` · ${truncate(message, 60)}` : ''}`;
  item.contextValue = taskContextValue(entry.state);
  item.accessibilityInformation = { label: `Task ${entry.tool} on ${entry.server}, ${taskStateLabel(entry.state)}${message ? `: ${message}` : ''}` };
  if (entry.state.kind === 'completed') item.command = { command: Commands.openTaskResult, title: 'Open Task Result', arguments: [entry.id] };
  return item;
}

export function taskTooltipMarkdown(entry: TaskEntry): string {
  const s = entry.state;
  const message = messageOf(s);
  const taskId = 'taskId' in s && s.taskId ? `Task id ${inlineCode(s.taskId)}` : undefined;
  const hint = isRunning(s) ? '_Cancel (stop icon) asks the server to cancel it (tasks/cancel)._' : s.kind === 'completed' ? '_Click to open its result._' : undefined;
  return [`**${escapeMarkdown(entry.tool)}** on ${escapeMarkdown(entry.server)}: ${taskStateLabel(s)}`, message && escapeMarkdown(message), taskId,
    `Started ${new Date(entry.startedAt).toLocaleTimeString()}`, hint].filter(Boolean).join('\n\n');
}

export { isRunning as isTaskRunning };
