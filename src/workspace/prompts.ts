import * as vscode from 'vscode';
import type { ServerSpec } from '../core/connection/types';
import { describeForConsent } from '../core/config/consent';
import type { InputDefinition } from '../core/config/schema';

/**
 * The questions the configuration layer asks. Replaceable (the service exposes them as `prompts`), so
 * integration tests answer without driving the UI.
 */
export interface ConfigPrompts {
  /** Asks for an `${input:id}` value; `undefined` when the user cancelled. */
  promptForInput(input: InputDefinition, context: { source: string; servers: string[] }): Promise<string | undefined>;
  /** Asks whether to run a workspace-defined command line; true when allowed. */
  confirmCommandLine(spec: ServerSpec, context: { source: string }): Promise<boolean>;
}

export const defaultPrompts: ConfigPrompts = {
  async promptForInput(input, { source, servers }) {
    const title = `MCP Switchboard: ${servers.length ? servers.join(', ') : source}`;
    if (input.type === 'pickString') {
      const items = input.options.map(option => ({ label: option, picked: option === input.default }));
      const sorted = input.default ? [...items.filter(i => i.picked), ...items.filter(i => !i.picked)] : items;
      const picked = await vscode.window.showQuickPick(sorted, { title, placeHolder: input.description, ignoreFocusOut: true });
      return picked?.label;
    }
    return vscode.window.showInputBox({
      title,
      prompt: `${input.description} (\${input:${input.id}} in ${source})`,
      value: input.default,
      password: input.password === true,
      ignoreFocusOut: true,
    });
  },

  async confirmCommandLine(spec, { source }) {
    const remote = spec.target.type !== 'stdio';
    const allow = remote ? 'Allow and Connect' : 'Allow and Run';
    const detail = remote
      ? `It connects to this server from the workspace and sends it the headers below:\n\n${describeForConsent(spec)}\n\nOnly allow servers you trust. You are asked again when the address's origin or the header names change.`
      : `It runs this command line from the workspace:\n\n${describeForConsent(spec)}\n\nOnly allow commands you trust. You are asked again when the command line, its folder or its environment change.`;
    const answer = await vscode.window.showWarningMessage(
      remote ? `Connect to the MCP server "${spec.name}" defined in ${source}?` : `Run the MCP server "${spec.name}" defined in ${source}?`,
      { modal: true, detail },
      allow,
    );
    return answer === allow;
  },
};
