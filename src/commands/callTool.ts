import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { QualifiedTool, ToolCallResult } from '../core/connection/catalog';
import { resourceLinker } from '../views/resourceLinks';
import type { ResultDocuments } from '../views/resultDocuments';
import { toolResultMarkdown } from '../views/resultMarkdown';
import { errorMessage } from '../shared/format';
import { Commands } from '../common/ids';
import type { JsonSchema } from '../core/schema/jsonSchema';
import { pickTool } from './pickers';
import { withRequestProgress } from './progress';
import { collectArguments } from './schemaForm';
import { parseArgsText, toolOfText, type ToolCallFiles } from './toolCallFiles';
import { runCommand } from '../common/commands';
import { isCancellation } from '../common/cancellation';

/** `mcpSwitchboard.callTool` without UI: `{ server, tool, args }` calls at once (tests, other commands, links). */
export interface CallToolRequest {
  server: string;
  tool: string;
  args?: Record<string, unknown>;
  /** Open the result document (default true). */
  open?: boolean;
  token?: vscode.CancellationToken;
}

export interface CallToolOutcome {
  server: string;
  tool: string;
  args: Record<string, unknown>;
  result?: ToolCallResult;
  /** A failed or cancelled request (not an `isError` result, which is a result). */
  error?: string;
  cancelled?: boolean;
  /** The result document. */
  uri?: vscode.Uri;
  durationMs: number;
}

function isRequest(arg: unknown): arg is CallToolRequest {
  return !!arg && typeof arg === 'object' && typeof (arg as CallToolRequest).tool === 'string' && typeof (arg as CallToolRequest).server === 'string' && 'args' in arg;
}


/** Call Tool: guided input or the JSON editor, a cancellable progress notification, the result in a readonly document. */
export class ToolCaller {
  constructor(private readonly engine: EngineApi, private readonly results: ResultDocuments, private readonly files: ToolCallFiles) {}

  /** The palette / tree command. */
  async command(arg?: unknown): Promise<CallToolOutcome | undefined> {
    if (isRequest(arg)) return this.invoke(arg.server, arg.tool, arg.args ?? {}, { open: arg.open, token: arg.token });
    const tool = await pickTool(this.engine, arg);
    if (!tool || !this.checkEnabled(tool)) return undefined;
    const schema = tool.tool.inputSchema as JsonSchema;
    if (!Object.keys(schema.properties ?? {}).length) return this.invoke(tool.server, tool.tool.name, {});
    const form = await collectArguments(`Call ${tool.server} / ${tool.tool.name}`, schema, await this.lastArgs(tool));
    if (!form) return undefined;
    if (form.kind === 'json') { await this.files.open(tool, form.args); return undefined; }
    void this.files.remember(tool, form.args).catch(() => undefined);
    return this.invoke(tool.server, tool.tool.name, form.args);
  }

  /** Call Tool with JSON Arguments: opens the tool's arguments file. */
  async commandJson(arg?: unknown): Promise<void> {
    const tool = await pickTool(this.engine, arg);
    if (tool && this.checkEnabled(tool)) await this.files.open(tool);
  }

  /** Run Tool Call from an arguments file (editor title, code lens). */
  async runFile(arg?: unknown): Promise<CallToolOutcome | undefined> {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) return undefined;
    const doc = await vscode.workspace.openTextDocument(uri);
    const target = toolOfText(doc.getText());
    if (!target) { void vscode.window.showErrorMessage('This file is not an MCP Switchboard tool call (its first line names the tool).'); return undefined; }
    const tool = this.engine.tools().find(t => t.server === target.server && t.tool.name === target.tool);
    if (!tool) { void vscode.window.showErrorMessage(`${target.server} has no tool "${target.tool}" right now (is the server running?).`); return undefined; }
    const args = this.files.check(doc, tool.tool.inputSchema as JsonSchema);
    if (!args) {
      // Name the first problem in the toast itself: the Problems panel may be filtered, or the file closed meanwhile.
      const problems = this.files.diagnostics.get(doc.uri) ?? [];
      const first = problems[0];
      const where = first ? ` (line ${first.range.start.line + 1}): ${first.message}` : '';
      void vscode.window.showErrorMessage(`The arguments do not match the tool's input schema${where}${problems.length > 1 ? ` and ${problems.length - 1} more` : ''}.`, ...(problems.length ? ['Show Problems'] : []))
        .then(a => a && vscode.commands.executeCommand('workbench.actions.view.problems'));
      return undefined;
    }
    if (doc.isDirty) await doc.save();
    return this.invoke(tool.server, tool.tool.name, args);
  }

  private checkEnabled(tool: QualifiedTool): boolean {
    if (tool.enabled) return true;
    void vscode.window.showWarningMessage(`${tool.server} / ${tool.tool.name} is filtered out by allowedTools/excludedTools in the server's configuration.`, 'Open Configuration')
      .then(a => a && runCommand(Commands.openServerConfiguration, tool.server));
    return false;
  }

  /** The arguments saved by the last call of this tool, as pre-fill for the guided input. */
  private async lastArgs(tool: QualifiedTool): Promise<Record<string, unknown>> {
    try {
      const bytes = await vscode.workspace.fs.readFile(this.files.fileFor(tool.server, tool.tool.name));
      return parseArgsText(new TextDecoder().decode(bytes), {}).args ?? {};
    } catch { return {}; }
  }

  /** Calls the tool with a progress notification (Cancel sends notifications/cancelled) and shows the result. */
  async invoke(server: string, tool: string, args: Record<string, unknown>, opts: { open?: boolean; token?: vscode.CancellationToken } = {}): Promise<CallToolOutcome> {
    const started = Date.now();
    const outcome: CallToolOutcome = { server, tool, args, durationMs: 0 };
    try {
      outcome.result = await withRequestProgress(`Calling ${server} / ${tool}`, (signal, onProgress) => this.engine.callTool(server, tool, args, { signal, onProgress }), opts.token);
    } catch (e) {
      outcome.durationMs = Date.now() - started;
      if (isCancellation(e) || opts.token?.isCancellationRequested) {
        outcome.cancelled = true;
        outcome.error = 'Cancelled';
        void vscode.window.setStatusBarMessage(`$(circle-slash) ${server} / ${tool}: cancelled`, 5000);
        return outcome;
      }
      outcome.error = errorMessage(e);
      void vscode.window.showErrorMessage(`${server} / ${tool} failed: ${outcome.error}`, 'Show Log', 'Open Traffic Inspector').then(a => {
        if (a === 'Show Log') void runCommand(Commands.showLog, server);
        if (a === 'Open Traffic Inspector') void runCommand(Commands.openInspector, { server, tool });
      });
      return outcome;
    }
    outcome.durationMs = Date.now() - started;
    const definition = this.engine.tools().find(t => t.server === server && t.tool.name === tool);
    const markdown = toolResultMarkdown(outcome.result, { server, tool, args, durationMs: outcome.durationMs, at: new Date(started), hasOutputSchema: !!definition?.tool.outputSchema }, resourceLinker(server));
    outcome.uri = this.results.create(server, tool, markdown);
    if (opts.open !== false) await this.results.show(outcome.uri);
    return outcome;
  }
}
