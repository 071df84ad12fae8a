// Runs one fuzz case against the server over stdio and lists what went wrong: a crash, an error
// answer or logged error, a request slower than the bound, a document without diagnostics, or an
// edit the server proposed (rename, code action) that does not apply cleanly or leaves a document
// the model cannot parse. Also types random edits (splitting and joining lines, the escape
// directive) and checks the answers after them.
import type { CodeAction, Diagnostic, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { parseDockerfile } from '../../server/src/core/model/parse';
import { LspClient } from '../helpers/lspDriver';
import { int, pick, TOKENS, type FuzzCase, type Random } from './cases';

export interface Problem {
  case: string;
  step: string;
  what: string;
}

export interface Bounds {
  /** A request on an input under 100,000 lines. */
  requestMs: number;
  /** A request on an input of 100,000 lines or more. */
  bigRequestMs: number;
  /** Open or change to diagnostics: a hang detector. */
  diagnosticsMs: number;
}

export const BOUNDS: Bounds = { requestMs: 250, bigRequestMs: 1000, diagnosticsMs: 5000 };

const INVALID_REQUEST = -32600;
const REFUSALS = new Set(['textDocument/rename', 'textDocument/prepareRename']);
const POSITION_REQUESTS = ['textDocument/completion', 'textDocument/definition', 'textDocument/hover', 'textDocument/references', 'textDocument/documentHighlight', 'textDocument/prepareRename'];
const DOCUMENT_REQUESTS = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/semanticTokens/full', 'textDocument/codeLens'];

export class FuzzSession {
  client: LspClient | undefined;
  readonly problems: Problem[] = [];
  requests = 0;
  private seq = 0;

  constructor(private readonly bounds: Bounds = BOUNDS) {}

  private async server(): Promise<LspClient> {
    if (this.client && !this.client.exited) return this.client;
    this.client = LspClient.ours();
    await this.client.initialize();
    return this.client;
  }

  async stop(): Promise<void> {
    await this.client?.shutdown();
  }

  /** Runs one case; returns the problems it found. */
  async run(kase: FuzzCase, rnd: Random): Promise<Problem[]> {
    const found: Problem[] = [];
    const problem = (step: string, what: string) => found.push({ case: kase.name, step, what });
    const client = await this.server();
    const uri = `file:///fuzz/${this.seq++}/Dockerfile`;
    let text = kase.text;
    let version = 1;
    const lines = () => text.split(/\r\n|\r|\n/).length;
    const bound = () => (lines() >= 100_000 ? this.bounds.bigRequestMs : this.bounds.requestMs);
    const logsBefore = client.errorLogs().length;

    const diagnosticsFor = async (step: string, send: () => void): Promise<Diagnostic[] | undefined> => {
      const next = client.nextDiagnostics(uri, version, this.bounds.diagnosticsMs);
      send();
      const published = await next;
      if (!published) problem(step, client.exited ? `server exited ${JSON.stringify(client.exited)}` : `no diagnostics within ${this.bounds.diagnosticsMs} ms`);
      return published?.params.diagnostics;
    };
    const request = async <T>(step: string, method: string, params: unknown): Promise<T | undefined> => {
      this.requests++;
      let r = await client.request<T>(method, params, Math.max(5000, bound() * 4));
      // Over the bound once can be a pause of the machine or a garbage collection: ask again, and
      // only a second slow answer counts (an input that makes the server slow does so every time).
      if (r.kind === 'result' && r.ms > bound()) r = await client.request<T>(method, params, Math.max(5000, bound() * 4));
      if (r.kind === 'crashed') problem(step, `server exited during ${method}`);
      else if (r.kind === 'timeout') problem(step, `${method} never answered`);
      // Rename refuses with a message for the user (InvalidRequest), as LSP intends: not a failure.
      else if (r.kind === 'error' && !(REFUSALS.has(method) && r.code === INVALID_REQUEST)) problem(step, `${method} answered error ${r.code}: ${r.message}`);
      else if (r.ms > bound()) problem(step, `${method} took ${r.ms.toFixed(0)} ms (bound ${bound()})`);
      return r.kind === 'result' ? r.result : undefined;
    };

    let diagnostics = await diagnosticsFor('open', () => client.open(uri, text, version));
    for (let round = 0; round < 3 && !client.exited; round++) {
      const step = round === 0 ? 'after open' : `after edit ${round}`;
      for (const method of DOCUMENT_REQUESTS) {
        if (!this.offers(method)) continue;
        const lenses = await request<{ range: unknown; command?: unknown }[]>(step, method, { textDocument: { uri } });
        if (method === 'textDocument/codeLens' && Array.isArray(lenses) && lenses.length && !lenses[0].command && this.offers('codeLens/resolve')) {
          await request(step, 'codeLens/resolve', lenses[int(rnd, lenses.length)]);
        }
      }
      for (const position of positions(text, rnd, 3)) {
        for (const method of POSITION_REQUESTS) {
          if (this.offers(method)) await request(step, method, { textDocument: { uri }, position, context: { includeDeclaration: true, triggerKind: 1 } });
        }
      }
      // Edits the server proposes: rename at a stage name, code actions at diagnostics.
      const target = renameTarget(text, rnd);
      if (target && this.offers('textDocument/rename')) {
        const edit = await request<WorkspaceEdit | null>(step, 'textDocument/rename', { textDocument: { uri }, position: target, newName: 'fuzz-renamed' });
        if (edit) this.checkEdit(text, uri, edit, `${step}: rename`, problem, true);
      }
      if (this.offers('textDocument/codeAction') && diagnostics?.length) {
        const d = pick(rnd, diagnostics);
        const actions = await request<CodeAction[]>(step, 'textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
        for (const action of (actions ?? []).slice(0, 4)) if (action.edit) this.checkEdit(text, uri, action.edit, `${step}: code action "${action.title}"`, problem, false);
        const applied = (actions ?? []).find((a) => a.edit);
        if (applied?.edit && rnd() < 0.5) {
          const next = applyWorkspaceEdit(text, uri, applied.edit);
          if (next !== undefined) {
            text = next;
            version++;
            diagnostics = await diagnosticsFor(`${step}: after applying "${applied.title}"`, () => client.change(uri, version, [{ text }]));
          }
        }
      }
      // A random edit, sent as an incremental change the way an editor sends keystrokes.
      const change = randomChange(text, rnd);
      text = change.text;
      version++;
      diagnostics = await diagnosticsFor(`edit ${round + 1} (${change.what})`, () => client.change(uri, version, [{ range: change.range, text: change.insert }]));
    }
    client.close(uri);
    const errors = client.errorLogs().slice(logsBefore);
    for (const e of errors.slice(0, 3)) problem('log', `server logged an error: ${e.slice(0, 300)}`);
    if (client.exited) problem('end', `server exited ${JSON.stringify(client.exited)}: ${client.stderr.slice(-300)}`);
    this.problems.push(...found);
    return found;
  }

  private offers(method: string): boolean {
    const caps = this.client?.capabilities ?? {};
    const key: Record<string, unknown> = {
      'textDocument/completion': caps.completionProvider, 'textDocument/definition': caps.definitionProvider, 'textDocument/hover': caps.hoverProvider,
      'textDocument/references': caps.referencesProvider, 'textDocument/documentHighlight': caps.documentHighlightProvider,
      'textDocument/prepareRename': caps.renameProvider, 'textDocument/rename': caps.renameProvider, 'textDocument/documentSymbol': caps.documentSymbolProvider,
      'textDocument/foldingRange': caps.foldingRangeProvider, 'textDocument/semanticTokens/full': caps.semanticTokensProvider,
      'textDocument/codeLens': caps.codeLensProvider, 'codeLens/resolve': (caps.codeLensProvider as { resolveProvider?: boolean } | undefined)?.resolveProvider,
      'textDocument/codeAction': caps.codeActionProvider,
    };
    return !!key[method];
  }

  /** The edit touches only this document, stays inside it, has no overlapping ranges, and leaves text the model parses. */
  private checkEdit(text: string, uri: string, edit: WorkspaceEdit, step: string, problem: (step: string, what: string) => void, isRename: boolean): void {
    const edits = editsFor(edit, uri);
    if (!edits) return problem(step, `edit for another document or a resource operation: ${JSON.stringify(edit).slice(0, 200)}`);
    const starts = lineStarts(text);
    const offset = (p: Position) => (p.line < starts.length ? Math.min(starts[p.line] + p.character, lineEnd(text, starts, p.line)) : -1);
    const spans = edits.map((e) => ({ s: offset(e.range.start), e: offset(e.range.end), edit: e }));
    for (const x of spans) {
      if (x.s < 0 || x.e < 0 || x.e < x.s || x.edit.range.start.character > lineEnd(text, starts, x.edit.range.start.line) - starts[x.edit.range.start.line]) {
        return problem(step, `edit range outside the document or reversed: ${JSON.stringify(x.edit.range)}`);
      }
    }
    spans.sort((a, b) => a.s - b.s || a.e - b.e);
    for (let i = 1; i < spans.length; i++) if (spans[i].s < spans[i - 1].e) return problem(step, `overlapping edits ${JSON.stringify(spans[i - 1].edit.range)} and ${JSON.stringify(spans[i].edit.range)}`);
    const result = applyWorkspaceEdit(text, uri, edit)!;
    let before;
    let after;
    try {
      before = parseDockerfile(text);
      after = parseDockerfile(result);
    } catch (e) {
      return problem(step, `the edited document does not parse: ${e instanceof Error ? e.message : e}`);
    }
    if (isRename && after.stages.length !== before.stages.length) problem(step, `rename changed the number of stages from ${before.stages.length} to ${after.stages.length}`);
  }
}

function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] | undefined {
  if (edit.documentChanges) {
    const out: TextEdit[] = [];
    for (const c of edit.documentChanges) {
      if (!('textDocument' in c) || c.textDocument.uri !== uri) return undefined;
      out.push(...(c.edits as TextEdit[]));
    }
    return out;
  }
  const keys = Object.keys(edit.changes ?? {});
  if (keys.some((k) => k !== uri)) return undefined;
  return edit.changes?.[uri] ?? [];
}

export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string | undefined {
  const edits = editsFor(edit, uri);
  if (!edits) return undefined;
  const starts = lineStarts(text);
  const offset = (p: Position) => Math.min(starts[Math.min(p.line, starts.length - 1)] + p.character, lineEnd(text, starts, Math.min(p.line, starts.length - 1)));
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

function lineEnd(text: string, starts: number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** Random positions: anywhere, after `--from=`/`from=`/` AS `, at the end, and out of range. */
function positions(text: string, rnd: Random, n: number): Position[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Position[] = [];
  for (let k = 0; k < n; k++) {
    const r = rnd();
    if (r < 0.5) {
      const l = int(rnd, lines.length);
      out.push({ line: l, character: int(rnd, Math.min(lines[l].length, 5000) + 1) });
    } else if (r < 0.8) {
      const l = int(rnd, lines.length);
      const line = lines[l].slice(0, 5000);
      const at = Math.max(line.indexOf('--from='), line.indexOf('from='), line.indexOf(' AS '));
      out.push({ line: l, character: at === -1 ? 0 : at + 5 + int(rnd, 4) });
    } else if (r < 0.9) out.push({ line: lines.length - 1, character: lines[lines.length - 1].length });
    else out.push(rnd() < 0.5 ? { line: lines.length + int(rnd, 100), character: 0 } : { line: int(rnd, lines.length), character: 100_000 + int(rnd, 10) });
  }
  return out;
}

/** A stage name after AS, if any line has one. */
function renameTarget(text: string, rnd: Random): Position | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const candidates: Position[] = [];
  for (let l = 0; l < lines.length && candidates.length < 50; l++) {
    const i = lines[l].slice(0, 5000).search(/ as /i);
    if (i !== -1 && /^\s*from\s/i.test(lines[l].slice(0, 5000))) candidates.push({ line: l, character: i + 5 });
  }
  return candidates.length ? pick(rnd, candidates) : undefined;
}

/** Splits or joins lines, toggles the escape directive, or types a token, as one incremental change. */
function randomChange(text: string, rnd: Random): { text: string; range: { start: Position; end: Position }; insert: string; what: string } {
  const starts = lineStarts(text);
  const pos = (offset: number): Position => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
  // Offsets on line-break boundaries of \r\n would split the pair: step back to the \r.
  const safe = (o: number) => (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10 ? o - 1 : o);
  const at = safe(int(rnd, text.length + 1));
  const kind = int(rnd, 5);
  let s = at;
  let e = at;
  let insert = '';
  let what = '';
  if (kind === 0) [insert, what] = ['\n', 'split a line'];
  else if (kind === 1) {
    const nl = text.indexOf('\n', at);
    if (nl !== -1) [s, e] = [safe(nl), nl + 1];
    what = 'join two lines';
  } else if (kind === 2) {
    if (text.startsWith('# escape=`')) [s, e, what] = [0, 10, 'remove the escape directive'];
    else [s, e, insert, what] = [0, 0, '# escape=`\n', 'add the escape directive'];
  } else if (kind === 3) {
    e = safe(Math.min(text.length, at + int(rnd, 80)));
    what = 'delete a span';
  } else [insert, what] = [pick(rnd, TOKENS), 'type a token'];
  return { text: text.slice(0, s) + insert + text.slice(e), range: { start: pos(s), end: pos(e) }, insert, what: `${what} at ${JSON.stringify(pos(s))}` };
}
