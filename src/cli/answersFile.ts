import type { ElicitationAnswer, ElicitationContent } from '../core/clientRequests/types';

/**
 * `--answers FILE`: the answers to the server's questions, in the order they come. The file holds one answer or a
 * list; each is `{"action":"accept","content":{...}}`, `{"action":"decline"}`, `{"action":"cancel"}`, or a plain
 * object (accepted as the content). Questions beyond the list are declined.
 */
export function parseAnswers(text: string, file: string): ElicitationAnswer[] {
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch (e) { throw new Error(`${file} is not valid JSON: ${(e as Error).message}`); }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.map((item, i) => {
    const where = `${file}${Array.isArray(parsed) ? ` [${i}]` : ''}`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new Error(`${where}: each answer must be a JSON object, e.g. {"action":"accept","content":{"name":"Ada"}}`);
    const answer = item as Record<string, unknown>;
    if (answer.action === 'decline' || answer.action === 'cancel') return { action: answer.action };
    if (answer.action === 'accept') {
      if (answer.content !== undefined && (typeof answer.content !== 'object' || answer.content === null || Array.isArray(answer.content))) throw new Error(`${where}: "content" must be an object`);
      return { action: 'accept', content: answer.content as ElicitationContent | undefined };
    }
    if ('action' in answer) throw new Error(`${where}: "action" must be accept, decline or cancel; found ${JSON.stringify(answer.action)}`);
    return { action: 'accept', content: answer as ElicitationContent };
  });
}
