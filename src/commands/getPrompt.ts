import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { PromptResult } from '../core/connection/catalog';
import type { ResultDocuments } from '../views/resultDocuments';
import { promptResultMarkdown } from '../views/resultMarkdown';
import { askArgument } from './argumentInput';
import { resourceLinker } from '../views/resourceLinks';
import { errorMessage } from '../shared/format';
import { Commands } from '../common/ids';
import { pickPrompt } from './pickers';
import { withRequestProgress } from './progress';
import { runCommand } from '../common/commands';
import { isCancellation } from '../common/cancellation';

/** `mcpSwitchboard.getPrompt` without UI: `{ server, prompt, args }`. */
export interface GetPromptRequest { server: string; prompt: string; args?: Record<string, string>; open?: boolean }

export interface GetPromptOutcome { server: string; prompt: string; args: Record<string, string>; result: PromptResult; uri: vscode.Uri }

function isRequest(arg: unknown): arg is GetPromptRequest {
  return !!arg && typeof arg === 'object' && !('kind' in arg) && typeof (arg as GetPromptRequest).server === 'string' && typeof (arg as GetPromptRequest).prompt === 'string';
}

/** Get Prompt: asks for the prompt's arguments (with server completions when offered) and shows the resulting messages. */
export class PromptRunner {
  constructor(private readonly engine: EngineApi, private readonly results: ResultDocuments) {}

  async command(arg?: unknown): Promise<GetPromptOutcome | undefined> {
    if (isRequest(arg)) return this.run(arg.server, arg.prompt, arg.args ?? {}, arg.open !== false);
    const target = await pickPrompt(this.engine, arg);
    if (!target) return undefined;
    const { server, prompt } = target;
    const canComplete = !!this.engine.get(server)?.info?.capabilities.completions;
    const args: Record<string, string> = {};
    for (const a of prompt.arguments ?? []) {
      const value = await askArgument({
        title: `Get prompt ${prompt.title ?? prompt.name}`,
        name: a.name, description: a.description, required: !!a.required,
        complete: canComplete ? v => this.engine.complete(server, { type: 'ref/prompt', name: prompt.name }, { name: a.name, value: v }) : undefined,
      });
      if (value === undefined) return undefined;
      if (value !== '') args[a.name] = value;
    }
    return this.run(server, prompt.name, args, true);
  }

  private async run(server: string, prompt: string, args: Record<string, string>, open: boolean): Promise<GetPromptOutcome | undefined> {
    let result: PromptResult;
    try {
      result = await withRequestProgress(`Getting prompt ${server} / ${prompt}`, signal => this.engine.getPrompt(server, prompt, args, { signal }));
    } catch (e) {
      if (!isCancellation(e)) {
        void vscode.window.showErrorMessage(`${server} / ${prompt} failed: ${errorMessage(e)}`, 'Show Log').then(a => a && runCommand(Commands.showLog, server));
      }
      return undefined;
    }
    const uri = this.results.create(server, `prompt ${prompt}`, promptResultMarkdown(result, { server, prompt, args }, resourceLinker(server)));
    if (open) await this.results.show(uri);
    return { server, prompt, args, result, uri };
  }
}
