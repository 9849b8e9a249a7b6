import * as vscode from 'vscode';
import type { ClientRequestHandlers } from '../core/clientRequests/types';
import { originsOf } from '../core/clientRequests/urlElicitations';

/**
 * After the user opened a -32042 error's URLs: "Finish in your browser, then Retry". Retry resolves true, Cancel (or
 * closing the notification) false; the server's `notifications/elicitation/complete` retries without a click. VS Code
 * cannot close a notification from code, so a late click on one that already settled does nothing.
 */
export function urlElicitationDoneHandler(): NonNullable<ClientRequestHandlers['urlElicitationDone']> {
  return (server, elicitations, completed, signal) => new Promise<boolean>(resolve => {
    const retry = 'Retry';
    const message = `${server}: finish in your browser (${originsOf(elicitations)}), then Retry the call.`;
    void vscode.window.showInformationMessage(message, retry, 'Cancel').then(choice => resolve(choice === retry));
    void completed.then(() => resolve(true));
    if (signal.aborted) resolve(false); else signal.addEventListener('abort', () => resolve(false), { once: true });
  });
}
