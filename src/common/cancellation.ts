import * as vscode from 'vscode';
import { failureKindOf } from '../core/connection/failure';

/** The user or a token cancelled: VS Code's CancellationError, an aborted fetch/signal, or an MCP request cancelled. */
export function isCancellation(e: unknown): boolean {
  return e instanceof vscode.CancellationError
    || (e instanceof Error && (e.name === 'Canceled' || e.name === 'AbortError'))
    || failureKindOf(e) === 'cancelled';
}
