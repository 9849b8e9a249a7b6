// The sidebar's pure logic (schemas, URI templates, argument files, result rendering, redaction), run in the host too.
import * as assert from 'node:assert/strict';
import { configEntryFromSpec, serverConfigJson } from '../../../src/commands/configEntry';
import { withDemoServer } from '../../../src/commands/demoServer';
import { describeType, sampleValue, type JsonSchema } from '../../../src/core/schema/jsonSchema';
import { parseArgsText, skeletonText, toolOfText } from '../../../src/commands/toolCallFiles';
import { expandTemplate, templateVariables } from '../../../src/mcp/uriTemplate';
import { defaultServerOptions, type ServerSpec } from '../../../src/core/connection/types';
import type { ServerSnapshot } from '../../../src/core/engineApi';
import { isBinary, resourceText } from '../../../src/views/resourceDocuments';
import { toolResultMarkdown } from '../../../src/views/resultMarkdown';
import { languageForMime } from '../../../src/views/mimeLanguages';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    query: { type: 'string', minLength: 2, description: 'What to look for' },
    limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
    mode: { enum: ['fast', 'exact'] },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
    where: { $ref: '#/$defs/where' },
  },
  required: ['query'],
  additionalProperties: false,
  $defs: { where: { type: 'object', properties: { path: { type: 'string', pattern: '^/' } }, required: ['path'] } },
};

describe('Sidebar logic', () => {
  // Argument validation itself (ajv) is covered in plain Node by test/unit/core/validator.test.ts.
  it('describes schema types and samples values for the argument form', () => {
    assert.equal(describeType(schema.properties!.limit, schema), 'integer, 1–50');
    assert.equal(describeType(schema.properties!.mode, schema), '"fast" | "exact"');
    assert.deepEqual(sampleValue(schema, schema), { query: '' });
  });

  it('writes a commented JSON skeleton per tool and reads it back, with positioned problems', () => {
    const tool = { qualifiedName: 's__find', server: 's', enabled: true, tool: { name: 'find', description: 'Finds things', inputSchema: schema as never } };
    const text = skeletonText(tool);
    assert.deepEqual(toolOfText(text), { server: 's', tool: 'find' });
    assert.match(text, /\/\/ string, length 2–∞, required — What to look for\n {2}"query": "",\n/);
    assert.match(text, /\/\/ "mode": "fast"/, 'optional properties without a default are commented out');
    const parsed = parseArgsText(text, schema);
    assert.deepEqual(parsed.args, { query: '', limit: 10 });
    assert.equal(parsed.problems.length, 1);
    assert.equal(text.slice(parsed.problems[0].offset, parsed.problems[0].offset + parsed.problems[0].length), '""');
    assert.deepEqual(parseArgsText(skeletonText(tool, { query: 'abc', mode: 'exact' }), schema).args, { query: 'abc', limit: 10, mode: 'exact' });
    assert.match(parseArgsText('{ "query": ', schema).problems[0].message, /^JSON: /);
  });

  it('the arguments file points at the tool schema for completion, and $schema is never sent', () => {
    const orderSchema: JsonSchema = { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, qty: { type: 'integer' } } } } }, additionalProperties: false };
    const tool = { qualifiedName: 's__order', server: 's', enabled: true, tool: { name: 'order', inputSchema: orderSchema as never } };
    const text = skeletonText(tool, { items: [{ name: 'a', qty: 1 }] }, './order.schema.json');
    assert.match(text, /"\$schema": "\.\/order\.schema\.json",/);
    const parsed = parseArgsText(text, orderSchema);
    assert.deepEqual(parsed.problems, [], 'additionalProperties: false does not trip on $schema');
    assert.deepEqual(parsed.args, { items: [{ name: 'a', qty: 1 }] });
  });
  it('expands RFC 6570 URI templates', () => {
    assert.deepEqual(templateVariables('file:///{+path}{?rev,raw}'), [{ name: 'path', optional: false }, { name: 'rev', optional: true }, { name: 'raw', optional: true }]);
    assert.equal(expandTemplate('echo://items/{id}', { id: 'a b/c' }), 'echo://items/a%20b%2Fc');
    assert.equal(expandTemplate('file:///{+path}{?rev,raw}', { path: 'src/a b.ts', rev: '3' }), 'file:///src/a%20b.ts?rev=3');
    assert.equal(expandTemplate('x://{a}{/b}{#c}', { a: '1', b: '2', c: '3' }), 'x://1/2#3');
  });

  it('renders tool results: text, images, resource links, embedded resources, structured content, errors', () => {
    const md = toolResultMarkdown({
      content: [
        { type: 'text', text: 'has ``` fences' },
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
        { type: 'resource_link', uri: 'file:///a.txt', name: 'a.txt', mimeType: 'text/plain' },
        { type: 'resource', resource: { uri: 'mem://x.json', mimeType: 'application/json', text: '{"a":1}' } },
        { type: 'resource', resource: { uri: 'mem://bin', mimeType: 'application/octet-stream', blob: 'AAAA' } },
      ],
      structuredContent: { n: 1 }, outputSchemaErrors: ['n: expected string, got integer'],
    }, { server: 's', tool: 't', args: {}, durationMs: 5, at: new Date(0), hasOutputSchema: true }, uri => `mcpsb-resource:/s/x?uri=${encodeURIComponent(uri)}`);
    assert.match(md, /````text\nhas ``` fences\n````/);
    assert.match(md, /!\[Image \(image\/png, 8 B\)\]\[image-1\]/);
    assert.match(md, /\[image-1\]: data:image\/png;base64,iVBORw0KGgo=$/m);
    assert.match(md, /\*\*Resource link:\*\* \[a\.txt\]\(mcpsb-resource:\/s\/x\?uri=file%3A%2F%2F%2Fa\.txt\)/);
    assert.match(md, /```json\n\{"a":1\}\n```/);
    assert.match(md, /_Binary, 3 B\._/);
    assert.match(md, /Warning: does not match the tool's outputSchema:\*\*\n> - n: expected string, got integer/);
    assert.match(toolResultMarkdown({ content: [], isError: true }, { server: 's', tool: 't', args: {}, durationMs: 1, at: new Date(0), hasOutputSchema: false }), /^# TOOL ERROR: s \/ t$/m);
  });

  it('shows resources as text, decodes text blobs, and describes binary ones (which are offered for saving)', () => {
    assert.equal(resourceText([{ uri: 'a', text: 'hi' }]), 'hi');
    assert.equal(resourceText([{ uri: 'a', mimeType: 'application/json', blob: Buffer.from('{"a":1}').toString('base64') }]), '{"a":1}');
    const png = { uri: 'img://x.png', mimeType: 'image/png', blob: 'iVBORw0KGgo=' };
    assert.ok(isBinary(png));
    assert.match(resourceText([png]), /^Binary content \(image\/png, 8 B\) from img:\/\/x\.png\./);
    assert.deepEqual(languageForMime('text/x-python; charset=utf-8'), { language: 'python', ext: 'py' });
    assert.equal(languageForMime('application/vnd.api+json')?.language, 'json');
  });

  it('copies a config entry without secrets', () => {
    const spec: ServerSpec = {
      name: 'gh', secrets: ['ghp_supersecret'], options: defaultServerOptions,
      target: { type: 'stdio', command: 'npx', args: ['-y', 'server-github', '--token=ghp_supersecret'], env: { GITHUB_TOKEN: 'ghp_supersecret', LOG: 'debug' } },
    };
    const entry = JSON.stringify(configEntryFromSpec(spec));
    assert.doesNotMatch(entry, /ghp_supersecret/);
    assert.match(entry, /"LOG":"debug"/);
    const fileText = '{\n  // comment\n  "servers": { "gh": { "command": "npx", "env": { "GITHUB_TOKEN": "${input:gh}" } } }\n}';
    const snap: ServerSnapshot = { name: 'gh', spec, state: { kind: 'running', at: 0 }, catalog: { tools: [], resources: [], resourceTemplates: [], prompts: [], fetchedAt: 0 }, attempts: 0, breaker: 'closed' };
    assert.deepEqual(JSON.parse(serverConfigJson(snap, fileText)!), { gh: { command: 'npx', env: { GITHUB_TOKEN: '${input:gh}' } } });
  });

  it('adds the demo server to mcp.json keeping comments, once', () => {
    const text = '{\n  // my servers\n  "servers": {\n    "a": { "command": "x" }\n  }\n}\n';
    const next = withDemoServer(text, '/ext')!;
    assert.match(next, /\/\/ my servers/);
    assert.match(next, /"switchboard-demo": \{/);
    assert.match(next, /"ELECTRON_RUN_AS_NODE": "1"/);
    assert.equal(withDemoServer(next, '/ext'), undefined);
    assert.match(withDemoServer('', '/ext')!, /"servers"/);
  });
});
