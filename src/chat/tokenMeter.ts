/**
 * Counts what each tool definition costs in a chat request: with the chat model's own tokenizer (`countTokens`) when a
 * model is available (the one @mcp last answered with, else the first VS Code offers), else estimated and marked so.
 * Exact counts are cached per model and definition text and computed in the background; `onDidChange` fires when
 * they arrive, so the tree's descriptions update.
 */
import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import { DisposableBase } from '../core/events';
import type { QualifiedTool } from '../core/connection/catalog';
import { budgetWarning, estimateTokens, serverTotals, toolDefinitionText, type ServerTokens, type TokenCount, type ToolTokenSource } from '../core/tokens/definitionTokens';

const MAX_CACHED = 20_000;

export class TokenMeter extends DisposableBase implements ToolTokenSource {
  private readonly exact = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private model?: vscode.LanguageModelChat;
  private counting = false;
  private rerun = false;
  /** Models whose countTokens failed: they are not asked again (estimates stay). */
  private readonly failed = new Set<string>();

  constructor(private readonly engine: EngineApi) {
    super();
    this._register(this.changed);
    if (vscode.lm?.onDidChangeChatModels) this._register(vscode.lm.onDidChangeChatModels(() => void this.pickModel()));
    this._register(engine.onDidChangeCatalog(() => this.schedule()));
    void this.pickModel();
  }

  /** Counts with this model from now on (the model a chat request came with). */
  useModel(model: vscode.LanguageModelChat | undefined): void {
    if (!model || model.id === this.model?.id) return;
    this.model = model;
    this.schedule();
    this.changed.fire();
  }

  count(t: QualifiedTool): TokenCount {
    const text = toolDefinitionText(t);
    const exact = this.model && this.exact.get(this.key(this.model, text));
    if (exact !== undefined) return { tokens: exact, estimated: false };
    if (this.model) this.schedule();
    return { tokens: estimateTokens(text), estimated: true };
  }

  serverTotal(server: string): TokenCount {
    const total = this.totals(this.engine.tools().filter(t => t.server === server && t.enabled))[0];
    return total ? { tokens: total.tokens, estimated: total.estimated } : { tokens: 0, estimated: false };
  }

  /** Per-server totals of the given tools (default: every enabled tool), most expensive first. */
  totals(tools: readonly QualifiedTool[] = this.engine.tools().filter(t => t.enabled)): ServerTokens[] {
    return serverTotals(tools.map(t => ({ server: t.server, ...this.count(t) })));
  }

  /** The over-budget warning for the given tools, if any. */
  warning(budget: number, tools?: readonly QualifiedTool[]): string | undefined {
    return budgetWarning(this.totals(tools), budget);
  }

  private key(model: vscode.LanguageModelChat, text: string): string {
    return `${model.vendor}/${model.id}\u0000${text}`;
  }

  private async pickModel(): Promise<void> {
    if (this.model) return;
    try {
      const [first] = await vscode.lm.selectChatModels();
      this.useModel(first);
    } catch { /* no model access: estimates */ }
  }

  private schedule(): void {
    if (!this.model || this.failed.has(this.model.id)) return;
    if (this.counting) { this.rerun = true; return; }
    this.counting = true;
    setTimeout(() => void this.countMissing().finally(() => {
      this.counting = false;
      if (this.rerun) { this.rerun = false; this.schedule(); }
    }), 0);
  }

  private async countMissing(): Promise<void> {
    const model = this.model;
    if (!model) return;
    const missing = this.engine.tools().map(toolDefinitionText).filter(text => !this.exact.has(this.key(model, text)));
    if (!missing.length) return;
    if (this.exact.size + missing.length > MAX_CACHED) this.exact.clear();
    const cts = new vscode.CancellationTokenSource();
    try {
      for (const text of missing) {
        if (model !== this.model) return;
        this.exact.set(this.key(model, text), await model.countTokens(text, cts.token));
      }
    } catch {
      this.failed.add(model.id);
    } finally {
      cts.dispose();
      this.changed.fire();
    }
  }
}
