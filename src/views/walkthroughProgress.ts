import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import { DisposableBase } from '../core/events';

/**
 * Context keys the walkthrough's `onContext:` completion events read, so steps done before the walkthrough was opened
 * (or in an earlier session) show as done. Kept in global state; set again at activation.
 */
export const WalkthroughKeys = {
  hasTools: 'mcpSwitchboard.walkthrough.hasTools',
  calledTool: 'mcpSwitchboard.walkthrough.calledTool',
  openedInspector: 'mcpSwitchboard.walkthrough.openedInspector',
  usedChat: 'mcpSwitchboard.walkthrough.usedChat',
} as const;
export type WalkthroughStep = keyof typeof WalkthroughKeys;

export class WalkthroughProgress extends DisposableBase {
  constructor(private readonly state: vscode.Memento, engine: EngineApi) {
    super();
    for (const step of Object.keys(WalkthroughKeys) as WalkthroughStep[]) {
      if (state.get<boolean>(WalkthroughKeys[step])) void vscode.commands.executeCommand('setContext', WalkthroughKeys[step], true);
    }
    const check = () => {
      if (engine.tools().length) this.mark('hasTools');
      if (engine.list().some(s => engine.metrics.server(s.name).tools && Object.keys(engine.metrics.server(s.name).tools).length)) this.mark('calledTool');
    };
    this._registerAll(engine.onDidChangeCatalog(check), engine.metrics.onDidChange(check));
    check();
  }

  mark(step: WalkthroughStep): void {
    const key = WalkthroughKeys[step];
    if (this.state.get<boolean>(key)) return;
    void this.state.update(key, true);
    void vscode.commands.executeCommand('setContext', key, true);
  }
}
