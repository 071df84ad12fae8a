// A minimal stand-in for the `vscode` module: just enough of the API for the extension to activate
// and for vscode-languageclient to start the server and register its features. Events never fire,
// registrations are no-ops, settings return their defaults. Anything not listed is a harmless
// function returning a disposable (and the name is recorded, so the probe can report it).
'use strict';

const missing = new Set();
/** Errors the extension logged or showed: a failed start must not pass for a fast one. */
const errors = [];

class Disposable {
  constructor(fn) { this.fn = fn; }
  static from(...items) { return new Disposable(() => items.forEach((d) => d && d.dispose && d.dispose())); }
  dispose() { if (this.fn) this.fn(); this.fn = undefined; }
}
const noopDisposable = () => new Disposable(() => undefined);

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const entry = (e) => listener.call(thisArg, e);
      this.listeners.add(entry);
      const d = new Disposable(() => this.listeners.delete(entry));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(e) { for (const l of [...this.listeners]) l(e); }
  dispose() { this.listeners.clear(); }
}
const never = new EventEmitter().event;

class Uri {
  constructor(scheme, path) { this.scheme = scheme; this.path = path; this.fsPath = path; this.authority = ''; this.query = ''; this.fragment = ''; }
  static parse(s) { const m = /^([a-z][a-z0-9+.-]*):(?:\/\/)?(.*)$/i.exec(s); return m ? new Uri(m[1], m[2]) : new Uri('file', s); }
  static file(p) { return new Uri('file', p); }
  static joinPath(base, ...parts) { return new Uri(base.scheme, [base.path, ...parts].join('/')); }
  with() { return this; }
  toString() { return `${this.scheme}://${this.path}`; }
  toJSON() { return this.toString(); }
}
class Position { constructor(line, character) { this.line = line; this.character = character; } }
class Range {
  constructor(a, b, c, d) {
    if (typeof a === 'number') { this.start = new Position(a, b); this.end = new Position(c, d); } else { this.start = a; this.end = b; }
  }
}
class CancellationTokenSource {
  constructor() { this.emitter = new EventEmitter(); this.token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event }; }
  cancel() { this.token.isCancellationRequested = true; this.emitter.fire(); }
  dispose() { this.emitter.dispose(); }
}
class CancellationError extends Error {}
class CodeActionKind {
  constructor(value) { this.value = value; }
  append(part) { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
  contains(other) { return this.value === other.value || other.value.startsWith(this.value + '.'); }
  intersects(other) { return this.contains(other) || other.contains(this); }
}
for (const [k, v] of Object.entries({ Empty: '', QuickFix: 'quickfix', Refactor: 'refactor', RefactorExtract: 'refactor.extract', RefactorInline: 'refactor.inline',
  RefactorMove: 'refactor.move', RefactorRewrite: 'refactor.rewrite', Source: 'source', SourceOrganizeImports: 'source.organizeImports', SourceFixAll: 'source.fixAll', Notebook: 'notebook' })) {
  CodeActionKind[k] = new CodeActionKind(v);
}
class TabInputText {}
class TabInputTextDiff {}
class TabInputNotebook {}
class TabInputCustom {}

const outputChannel = (name) => ({
  name, logLevel: 3, onDidChangeLogLevel: never,
  append() {}, appendLine() {}, replace() {}, clear() {}, show() {}, hide() {}, dispose() {},
  trace() {}, debug() {}, info() {}, warn() {}, error: (m) => errors.push(String(m && m.stack || m)),
});

const configuration = () => ({ get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined });

/** Unknown members: a function returning a disposable, recorded under its dotted name. */
function namespace(name, members) {
  return new Proxy(members, {
    get(target, prop) {
      if (prop in target || typeof prop === 'symbol' || prop === 'then') return target[prop];
      missing.add(`${name}.${prop}`);
      return prop.startsWith('onDid') || prop.startsWith('onWill') ? never : noopDisposable;
    },
  });
}

// API classes and enums only constructed or compared, never run, once the client has started.
const PLAIN_CLASSES = ['CallHierarchyIncomingCall', 'CallHierarchyItem', 'CallHierarchyOutgoingCall', 'CodeAction', 'CodeActionKind', 'CodeLens', 'Color',
  'ColorInformation', 'ColorPresentation', 'CompletionItem', 'CompletionList', 'Diagnostic', 'DiagnosticRelatedInformation', 'DocumentHighlight', 'DocumentLink',
  'DocumentSymbol', 'FoldingRange', 'Hover', 'InlayHint', 'InlayHintLabelPart', 'InlineCompletionItem', 'InlineCompletionList', 'InlineValueEvaluatableExpression',
  'InlineValueText', 'InlineValueVariableLookup', 'LinkedEditingRanges', 'Location', 'MarkdownString', 'NotebookCellData', 'NotebookData', 'ParameterInformation',
  'RelativePattern', 'SelectionRange', 'SemanticTokens', 'SemanticTokensEdit', 'SemanticTokensEdits', 'SignatureHelp', 'SignatureInformation', 'SnippetString',
  'SnippetTextEdit', 'SymbolInformation', 'TextEdit', 'TypeHierarchyItem', 'WorkspaceEdit', 'ThemeColor', 'ThemeIcon', 'TreeItem'];
const ENUMS = ['CodeActionTriggerKind', 'CompletionItemKind', 'CompletionItemTag', 'CompletionTriggerKind', 'DiagnosticSeverity', 'DiagnosticTag',
  'DocumentHighlightKind', 'FileType', 'FoldingRangeKind', 'InlineCompletionTriggerKind', 'NotebookCellKind', 'SignatureHelpTriggerKind', 'SymbolKind', 'SymbolTag',
  'TextDocumentSaveReason', 'TreeItemCollapsibleState', 'ViewColumn', 'EndOfLine', 'OverviewRulerLane', 'DecorationRangeBehavior', 'UIKind'];

const vscode = {
  version: '1.91.0',
  Disposable, EventEmitter, CodeActionKind, Uri, Position, Range, CancellationTokenSource, CancellationError,
  TabInputText, TabInputTextDiff, TabInputNotebook, TabInputCustom,
  LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  workspace: namespace('workspace', {
    getConfiguration: configuration,
    textDocuments: [],
    notebookDocuments: [],
    workspaceFolders: undefined,
    isTrusted: true,
    createFileSystemWatcher: () => ({ onDidCreate: never, onDidChange: never, onDidDelete: never, dispose() {} }),
    applyEdit: async () => false,
  }),
  window: namespace('window', {
    createOutputChannel: outputChannel,
    showErrorMessage: async (m) => void errors.push(String(m)),
    showWarningMessage: async () => undefined,
    showInformationMessage: async () => undefined,
    withProgress: async (_o, task) => task({ report() {} }, new CancellationTokenSource().token),
    activeTextEditor: undefined,
    visibleTextEditors: [],
    tabGroups: { all: [], onDidChangeTabs: never, onDidChangeTabGroups: never },
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
  }),
  languages: namespace('languages', {
    match: () => 10,
    createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {}, forEach() {}, get: () => undefined, has: () => false }),
  }),
  commands: namespace('commands', { registerCommand: noopDisposable, executeCommand: async () => undefined }),
  env: namespace('env', { language: 'en', appName: 'bench', machineId: 'bench', sessionId: 'bench', openExternal: async () => false }),
  extensions: namespace('extensions', { getExtension: () => undefined, all: [], onDidChange: never }),
};

for (const name of PLAIN_CLASSES) vscode[name] ??= class { constructor(...args) { this.args = args; } };
for (const name of ENUMS) vscode[name] ??= {};

module.exports = new Proxy(vscode, {
  get(target, prop) {
    if (prop in target || typeof prop === 'symbol' || prop === 'then' || prop === '__esModule') return target[prop];
    missing.add(String(prop));
    // Capitalised names are classes or enums in the API: a plain class serves both uses.
    if (/^[A-Z]/.test(String(prop))) return (target[prop] = class { constructor(...args) { this.args = args; } });
    return namespace(String(prop), {});
  },
});
module.exports.__missing = missing;
module.exports.__errors = errors;
