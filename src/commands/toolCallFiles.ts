import * as vscode from 'vscode';
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { QualifiedTool } from '../core/connection/catalog';
import { Commands, TOOL_CALL_FILE_SUFFIX } from '../common/ids';
import { describeType, propertiesOf, sampleValue, type JsonSchema } from '../core/schema/jsonSchema';
import { problemText, schemaProblems } from '../core/schema/validator';
import { DisposableBase } from '../core/events';

const HEADER = '// MCP Switchboard tool call: ';

/** The key that points the editor at the per-tool JSON schema (completion, hover, validation); never sent. */
export const SCHEMA_KEY = '$schema';

/**
 * The JSONC text of an arguments file: a header naming the tool, every property with a comment, optional ones commented
 * out; with `schemaRef`, a `$schema` entry first so the JSON editor completes and checks the arguments as you type.
 */
export function skeletonText(tool: QualifiedTool, args?: Record<string, unknown>, schemaRef?: string): string {
  const schema = tool.tool.inputSchema as JsonSchema;
  const lines = [
    `${HEADER}${JSON.stringify({ server: tool.server, tool: tool.tool.name })}`,
    '// Edit the arguments, then click "Run Tool Call" (above, or ▷ in the editor title). Checked against the input schema first.',
  ];
  if (tool.tool.description) lines.push(`// ${tool.tool.description.split('\n')[0].slice(0, 200)}`);
  const props = propertiesOf(schema);
  const entries = props.map(p => {
    const given = args && p.name in args;
    const active = given || p.required || p.schema.default !== undefined;
    const value = given ? args![p.name] : sampleValue(p.schema, schema);
    const desc = p.schema.description ? ` — ${p.schema.description.replace(/\s+/g, ' ').slice(0, 200)}` : '';
    return { p, active, value, comment: `// ${describeType(p.schema, schema)}, ${p.required ? 'required' : 'optional'}${desc}` };
  });
  if (schemaRef) entries.unshift({ p: { name: SCHEMA_KEY, schema: {}, required: false }, active: true, value: schemaRef, comment: '// completion and checks as you type; not sent to the tool' });
  // Keys in args the schema does not know are kept too (the server may accept them).
  for (const [key, value] of Object.entries(args ?? {})) {
    if (key !== SCHEMA_KEY && !props.some(p => p.name === key)) entries.push({ p: { name: key, schema: {}, required: false }, active: true, value, comment: '// not in the input schema' });
  }
  const lastActive = entries.map(e => e.active).lastIndexOf(true);
  lines.push('{');
  entries.forEach((e, i) => {
    const json = JSON.stringify(e.value, null, 2).split('\n').join('\n  ');
    lines.push(`  ${e.comment}`);
    lines.push(e.active ? `  ${JSON.stringify(e.p.name)}: ${json}${i < lastActive ? ',' : ''}` : `  // ${JSON.stringify(e.p.name)}: ${json.split('\n').join(' ')}`);
  });
  lines.push('}', '');
  return lines.join('\n');
}

/** The tool an arguments file belongs to, from its header line. */
export function toolOfText(text: string): { server: string; tool: string } | undefined {
  const first = text.split('\n', 1)[0];
  if (!first.startsWith(HEADER)) return undefined;
  try {
    const v = JSON.parse(first.slice(HEADER.length)) as { server?: unknown; tool?: unknown };
    return typeof v.server === 'string' && typeof v.tool === 'string' ? { server: v.server, tool: v.tool } : undefined;
  } catch { return undefined; }
}

export interface ParsedArgs { args?: Record<string, unknown>; problems: { message: string; offset: number; length: number }[] }

/** Parses and validates an arguments file: syntax errors and schema violations with their positions. */
export function parseArgsText(text: string, schema: JsonSchema): ParsedArgs {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length) return { problems: errors.map(e => ({ message: `JSON: ${printParseErrorCode(e.error)}`, offset: e.offset, length: Math.max(1, e.length) })) };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problems: [{ message: 'The arguments must be a JSON object', offset: 0, length: 1 }] };
  delete (value as Record<string, unknown>)[SCHEMA_KEY];
  const root = parseTree(text, [], { allowTrailingComma: true });
  const problems = schemaProblems(value, schema).map(problem => {
    const { path } = problem;
    const message = problemText(problem);
    const node = root && path.length ? findNodeAtLocation(root, path) : undefined;
    const at = node ?? root;
    return { message, offset: at?.offset ?? 0, length: at?.length ?? 1 };
  });
  return { args: value as Record<string, unknown>, problems };
}

/**
 * The JSON editor for tool arguments: one `<tool>.mcp-call.jsonc` file per tool in the extension's storage, so the
 * last arguments are there next time. A code lens and an editor-title button run the call; problems show as diagnostics.
 */
export class ToolCallFiles extends DisposableBase {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('mcp-tool-call');

  constructor(private readonly storage: vscode.Uri) {
    super();
    this._register(this.diagnostics);
    const lenses: vscode.CodeLensProvider = {
      provideCodeLenses: doc => toolOfText(doc.getText(new vscode.Range(0, 0, 1, 0)))
        ? [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: '$(play) Run Tool Call', command: Commands.runToolCallFile, arguments: [doc.uri] })]
        : [],
    };
    this._registerAll(
      vscode.languages.registerCodeLensProvider({ pattern: `**/*${TOOL_CALL_FILE_SUFFIX}` }, lenses),
      vscode.workspace.onDidChangeTextDocument(e => { if (this.diagnostics.has(e.document.uri)) this.diagnostics.delete(e.document.uri); }),
      vscode.workspace.onDidCloseTextDocument(doc => this.diagnostics.delete(doc.uri)),
    );
  }

  /** Writes the tool's input schema next to its arguments file (plus `$schema` itself); returns the relative reference. */
  private async writeSchema(tool: QualifiedTool): Promise<string> {
    const uri = this.fileFor(tool.server, tool.tool.name);
    const name = uri.path.split('/').pop()!.replace(TOOL_CALL_FILE_SUFFIX, '.schema.json');
    const input = tool.tool.inputSchema as JsonSchema;
    const schema = { ...input, properties: { ...(input.properties ?? {}), [SCHEMA_KEY]: { type: 'string', description: 'The schema of these arguments (not sent).' } } };
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(uri, '..', name), new TextEncoder().encode(JSON.stringify(schema, null, 2)));
    return `./${name}`;
  }

  fileFor(server: string, tool: string): vscode.Uri {
    const safe = (s: string) => s.replace(/[^\w.-]/g, '_').slice(0, 80) || '_';
    return vscode.Uri.joinPath(this.storage, 'tool-calls', safe(server), `${safe(tool)}${TOOL_CALL_FILE_SUFFIX}`);
  }

  /** Opens the tool's arguments file: `args` when given, else the last saved arguments, else a skeleton from the schema. */
  async open(tool: QualifiedTool, args?: Record<string, unknown>): Promise<vscode.TextEditor> {
    const uri = this.fileFor(tool.server, tool.tool.name);
    let exists = true;
    try { await vscode.workspace.fs.stat(uri); } catch { exists = false; }
    const schemaRef = await this.writeSchema(tool);
    if (args || !exists) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(skeletonText(tool, args, schemaRef)));
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  /** Saves the last arguments of a call made another way (the guided input), so the JSON editor starts from them. */
  async remember(tool: QualifiedTool, args: Record<string, unknown>): Promise<void> {
    const uri = this.fileFor(tool.server, tool.tool.name);
    if (vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString() && d.isDirty)) return;
    const schemaRef = await this.writeSchema(tool);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(skeletonText(tool, args, schemaRef)));
  }

  /** Parses a document; on problems sets diagnostics and returns undefined. */
  check(doc: vscode.TextDocument, schema: JsonSchema): Record<string, unknown> | undefined {
    const parsed = parseArgsText(doc.getText(), schema);
    if (!parsed.problems.length && parsed.args) { this.diagnostics.delete(doc.uri); return parsed.args; }
    this.diagnostics.set(doc.uri, parsed.problems.map(p => {
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length)), p.message, vscode.DiagnosticSeverity.Error);
      d.source = 'MCP Switchboard';
      return d;
    }));
    return undefined;
  }

  override dispose(): void {
    super.dispose();
  }
}
