import * as vscode from 'vscode';
import type { ClientRequestContext, ClientRequestHandlers, ElicitationAnswer, FormElicitation, UrlElicitation } from '../core/clientRequests/types';
import { propertiesOf } from '../core/schema/jsonSchema';
import { validate } from '../core/schema/validator';
import { collectArguments } from './schemaForm';

type Action = 'accept' | 'decline' | 'cancel';
type ActionItem = vscode.QuickPickItem & { action: Action };

const cancelled: ElicitationAnswer = { action: 'cancel' };

function asker(ctx: ClientRequestContext): string {
  return ctx.serverTitle && ctx.serverTitle !== ctx.server ? `${ctx.server} (${ctx.serverTitle})` : ctx.server;
}

/** Accept / Decline / Cancel as one QuickPick; Escape, or the server withdrawing the question, is Cancel. */
function pickAction(title: string, message: string, accept: vscode.QuickPickItem, signal: AbortSignal): Promise<Action> {
  const items: ActionItem[] = [
    { ...accept, action: 'accept' },
    { label: '$(close) Decline', description: 'tell the server no', action: 'decline' },
    { label: '$(circle-slash) Cancel', description: 'dismiss without answering', action: 'cancel' },
  ];
  return new Promise(resolve => {
    const qp = vscode.window.createQuickPick<ActionItem>();
    qp.title = title;
    qp.placeholder = message;
    qp.items = items;
    qp.ignoreFocusOut = true;
    let action: Action = 'cancel';
    const hide = () => qp.hide();
    if (signal.aborted) queueMicrotask(hide); else signal.addEventListener('abort', hide, { once: true });
    qp.onDidAccept(() => { action = (qp.selectedItems[0] ?? qp.activeItems[0])?.action ?? 'cancel'; qp.hide(); });
    qp.onDidHide(() => { signal.removeEventListener('abort', hide); qp.dispose(); resolve(signal.aborted ? 'cancel' : action); });
    qp.show();
  });
}

async function answerForm(q: FormElicitation, ctx: ClientRequestContext): Promise<ElicitationAnswer> {
  const who = asker(ctx);
  const fields = propertiesOf(q.requestedSchema);
  const required = fields.filter(f => f.required).length;
  const action = await pickAction(`${who} asks for input`, q.message, {
    label: '$(check) Answer', description: `${fields.length} field${fields.length === 1 ? '' : 's'}${required ? `, ${required} required` : ''}`, detail: q.message,
  }, ctx.signal);
  if (action !== 'accept') return { action };
  for (;;) {
    const form = await collectArguments(`${who}: ${q.message}`, q.requestedSchema, {}, { signal: ctx.signal, allowJson: false });
    if (!form || ctx.signal.aborted) return cancelled;
    const errors = validate(form.args, q.requestedSchema);
    if (!errors.length) return { action: 'accept', content: form.args as Extract<ElicitationAnswer, { action: 'accept' }>['content'] };
    const again = await vscode.window.showWarningMessage(`The answer does not fit what ${ctx.server} asked for: ${errors.join('; ')}`, 'Edit Answers', 'Cancel');
    if (again !== 'Edit Answers') return cancelled;
  }
}

async function answerUrl(q: UrlElicitation, ctx: ClientRequestContext, openExternal: (uri: vscode.Uri) => Thenable<boolean>): Promise<ElicitationAnswer> {
  const origin = new URL(q.url).origin;
  const action = await pickAction(`${asker(ctx)} asks you to open a page on ${origin}`, q.message, {
    label: `$(link-external) Open ${origin}`, description: 'in your browser', detail: q.url,
  }, ctx.signal);
  if (action !== 'accept') return { action };
  // Only on consent, and the outcome is what the browser hand-off reports.
  const opened = await openExternal(vscode.Uri.parse(q.url, true));
  return opened ? { action: 'accept' } : { action: 'decline' };
}

/** The extension's answer to `elicitation/create`: a guided form (form mode) or a consent to open a page (URL mode). */
export function elicitationHandler(openExternal: (uri: vscode.Uri) => Thenable<boolean> = uri => vscode.env.openExternal(uri)): NonNullable<ClientRequestHandlers['elicit']> {
  return (q, ctx) => (q.mode === 'url' ? answerUrl(q, ctx, openExternal) : answerForm(q, ctx));
}
