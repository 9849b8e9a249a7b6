import * as vscode from 'vscode';
import { assertNever } from '../shared/assertNever';
import type { ConnectionState } from '../core/connection/state';
import type { ProblemKind } from './treeNodes';

/** The theme colour of a state, for icons and label decorations; undefined keeps the default foreground. */
export function stateColorId(state: ConnectionState): string | undefined {
  switch (state.kind) {
    case 'running': return 'testing.iconPassed';
    case 'starting': return undefined;
    case 'degraded': case 'waiting-to-retry': return 'list.warningForeground';
    case 'error': return 'list.errorForeground';
    case 'stopped': case 'disabled': return 'disabledForeground';
    case 'blocked': switch (state.blockedBy) {
      case 'config-error': return 'list.errorForeground';
      case 'run-by-vscode': return undefined;
      default: return 'list.warningForeground';
    }
    default: return assertNever(state);
  }
}

function icon(id: string, color: string | undefined): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** A codicon and theme colour per connection state. */
export function stateIcon(state: ConnectionState): vscode.ThemeIcon {
  const color = stateColorId(state);
  switch (state.kind) {
    case 'running': return icon('pass-filled', color);
    case 'starting': return icon('loading~spin', color);
    case 'degraded': return icon('warning', color);
    case 'waiting-to-retry': return icon('history', color);
    case 'error': return icon('error', color);
    case 'stopped': return icon('circle-large-outline', color);
    case 'disabled': return icon('circle-slash', color);
    case 'blocked': switch (state.blockedBy) {
      case 'untrusted': return icon('shield', color);
      case 'needs-consent': return icon('unverified', color);
      case 'needs-input': return icon('key', color);
      case 'config-error': return icon('error', color);
      case 'run-by-vscode': return icon('vscode', color);
      default: return assertNever(state.blockedBy);
    }
    default: return assertNever(state);
  }
}

/** The codicon id alone, for QuickPick labels (`$(id) name`). */
export function stateCodicon(state: ConnectionState): string {
  return stateIcon(state).id.replace('~spin', '');
}

export function problemIcon(problem: ProblemKind): vscode.ThemeIcon {
  switch (problem) {
    case 'error': case 'catalog': case 'blocked.config-error': return icon('error', 'list.errorForeground');
    case 'degraded': return icon('warning', 'list.warningForeground');
    case 'waiting-to-retry': return icon('history', 'list.warningForeground');
    case 'blocked.untrusted': return icon('shield', 'list.warningForeground');
    case 'blocked.needs-consent': return icon('unverified', 'list.warningForeground');
    case 'blocked.needs-input': return icon('key', 'list.warningForeground');
    case 'blocked.run-by-vscode': return icon('info', undefined);
    default: return assertNever(problem);
  }
}
