import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { TaskEntry } from '../core/tasks/taskRegistry';
import type { ResultDocuments } from '../views/resultDocuments';
import { toolResultMarkdown } from '../views/resultMarkdown';
import { resourceLinker } from '../views/resourceLinks';
import { Commands } from '../common/ids';
import { registerCommand } from '../common/commands';

/** A task node from the tree, or a task id (from a tree item's click, a test or another command). */
function taskOf(engine: EngineApi, arg: unknown): TaskEntry | undefined {
  const id = typeof arg === 'string' ? arg : (arg as { taskId?: unknown } | undefined)?.taskId;
  return typeof id === 'string' ? engine.tasks.get(id) : undefined;
}

export function registerTaskCommands(engine: EngineApi, results: ResultDocuments): vscode.Disposable[] {
  return [
    registerCommand(Commands.cancelTask, (arg?: unknown) => {
      const task = taskOf(engine, arg);
      if (!task) { void vscode.window.showWarningMessage('That task is no longer known.'); return false; }
      engine.tasks.cancel(task.id);
      return true;
    }),
    registerCommand(Commands.openTaskResult, async (arg?: unknown) => {
      const task = taskOf(engine, arg);
      if (task?.state.kind !== 'completed') { void vscode.window.showWarningMessage('That task has no result to open.'); return undefined; }
      const definition = engine.tools().find(t => t.server === task.server && t.tool.name === task.tool);
      const markdown = toolResultMarkdown(task.state.result, {
        server: task.server, tool: task.tool, args: task.args, durationMs: (task.endedAt ?? Date.now()) - task.startedAt, at: new Date(task.startedAt), hasOutputSchema: !!definition?.tool.outputSchema,
      }, resourceLinker(task.server));
      const uri = results.create(task.server, task.tool, markdown);
      await results.show(uri);
      return uri;
    }),
  ];
}
