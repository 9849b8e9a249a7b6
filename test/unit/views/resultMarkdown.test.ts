import * as assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../src/views/markdown';
import { toolResultMarkdown } from '../../../src/views/resultMarkdown';

const ctx = { server: 'dice', tool: 'roll_dice', args: {}, durationMs: 3, at: new Date(0), hasOutputSchema: true };

describe('Tool result documents', () => {
  it('titles read as the names: no backslash before an underscore inside a word', () => {
    const md = toolResultMarkdown({ content: [{ type: 'text', text: 'ok' }] }, ctx);
    assert.match(md, /^# dice \/ roll_dice$/m);
  });

  it('escapes what would still be Markdown syntax in server text', () => {
    assert.equal(escapeMarkdown('_lead and trail_'), '\\_lead and trail\\_');
    assert.equal(escapeMarkdown('a *b* [c](d) <img> `e`'), 'a \\*b\\* \\[c\\](d) \\<img\\> \\`e\\`');
    assert.equal(escapeMarkdown('# not a heading\n- not a list\n1. not ordered'), '\\# not a heading\n\\- not a list\n1\\. not ordered');
    assert.equal(escapeMarkdown('read-only, v1.2 &amp;'), 'read-only, v1.2 \\&amp;');
  });

  it('shows JSON once when the text part says the same as structuredContent', () => {
    const md = toolResultMarkdown({ content: [{ type: 'text', text: '{"sum":5,"terms":[2,3]}' }], structuredContent: { terms: [2, 3], sum: 5 } }, ctx);
    assert.equal(md.match(/"sum": 5/g)?.length, 1, md);
    assert.match(md, /### 1\. text\n\n_The same JSON as the structured content below\._/);
  });

  it('pretty-prints JSON text that differs from structuredContent', () => {
    const md = toolResultMarkdown({ content: [{ type: 'text', text: '{"a":1}' }], structuredContent: { a: 2 } }, ctx);
    assert.match(md, /```json\n\{\n {2}"a": 1\n\}\n```/);
  });

  it('keeps base64 image data out of the body: a reference in place, the data at the end', () => {
    const data = 'iVBORw0KGgo='.repeat(50);
    const md = toolResultMarkdown({ content: [{ type: 'image', data, mimeType: 'image/png' }, { type: 'text', text: 'after' }] }, ctx);
    const dataAt = md.indexOf(data);
    assert.ok(md.indexOf('![Image (image/png, 450 B)][image-1]') < md.indexOf('after'));
    assert.ok(dataAt > md.indexOf('after'), 'the data comes after the rest of the result');
    assert.match(md, /^\[image-1\]: data:image\/png;base64,/m);
  });
});
