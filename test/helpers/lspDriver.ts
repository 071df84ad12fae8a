// Drives any language server process over stdio the way an editor does (ours or the peer):
// initialize, open/change/close, requests with a time limit and cancellation, every diagnostics
// notification with its arrival time, the log, and the process's memory. The fuzz suite, the limit
// and cancellation tests and the benchmark use it; lspClient.ts is the simpler one for feature tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams, ServerCapabilities, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { BatchedMessageWriter } from '../../server/src/node/batchedWriter';
import { FrameReader } from '../../server/src/node/frameReader';

export const SERVER_JS = join(__dirname, '..', '..', 'dist', 'server.js');

export type Outcome<T = unknown> =
  | { kind: 'result'; result: T; ms: number }
  | { kind: 'error'; code: number; message: string; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'crashed'; ms: number };

export interface Published {
  /** performance.now() when the notification arrived. */
  at: number;
  params: PublishDiagnosticsParams;
}

export interface LogEntry {
  type: number;
  message: string;
}

export interface ClientOptions {
  /** Answer to workspace/configuration for the `dockerfileStages` section. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /**
   * How messages are framed on the pipes: 'stock' is vscode-jsonrpc's reader and writer (as VS
   * Code's language client has them: two writes and a loop turn per message), 'batched' the
   * server's own (server/src/node: a burst of requests goes out in a few writes).
   */
  transport?: 'stock' | 'batched';
}

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: { applyEdit: true, workspaceEdit: { documentChanges: true }, configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { didSave: false, dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], labelDetailsSupport: true, insertReplaceSupport: true },
      contextSupport: true,
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: true },
    references: {},
    documentHighlight: {},
    codeLens: { resolveSupport: { properties: ['command'] } },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source'] } },
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
    },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
    inlayHint: { resolveSupport: { properties: [] } },
  },
  window: { workDoneProgress: false },
  general: { positionEncodings: ['utf-16'] },
};

export class LspClient {
  readonly pid: number;
  capabilities: ServerCapabilities = {};
  readonly logs: LogEntry[] = [];
  stderr = '';
  exited: { code: number | null; signal: string | null } | null = null;
  /** Every publishDiagnostics, in arrival order. */
  readonly published: Published[] = [];
  /** The method of every request the server sent (workspace/configuration, workspace/codeLens/refresh ...), in order. */
  readonly serverRequests: string[] = [];
  private readonly child: ChildProcess;
  private readonly connection: MessageConnection;
  private readonly exitPromise: Promise<void>;
  private waiters: { uri: string; version: number; resolve: (p: Published) => void }[] = [];

  constructor(command: string, args: string[], private readonly options: ClientOptions = {}) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...options.env } });
    this.pid = this.child.pid ?? -1;
    this.exitPromise = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve();
      });
      this.child.on('error', (e) => {
        this.exited = { code: -1, signal: String(e) };
        resolve();
      });
    });
    this.child.stderr!.on('data', (d: Buffer) => {
      if (this.stderr.length < 100_000) this.stderr += d.toString();
    });
    this.child.stdin!.on('error', () => undefined);
    this.connection =
      options.transport === 'batched'
        ? createMessageConnection(new FrameReader(this.child.stdout!), new BatchedMessageWriter(this.child.stdin!))
        : createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onError(() => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const p = { at: performance.now(), params };
      this.published.push(p);
      if (this.published.length > 10_000) this.published.splice(0, 5_000);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== params.uri || (params.version !== undefined && params.version < w.version)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onNotification('window/logMessage', (p: LogEntry) => void this.logs.push(p));
    this.connection.onNotification('window/showMessage', (p: LogEntry) => void this.logs.push(p));
    this.connection.onNotification(() => undefined);
    this.connection.onRequest((method: string, params: unknown) => {
      this.serverRequests.push(method);
      if (this.serverRequests.length > 10_000) this.serverRequests.splice(0, 5_000);
      if (method === 'workspace/configuration') {
        const items = (params as { items?: { section?: string }[] }).items ?? [];
        return items.map((i) => (i.section === 'dockerfileStages' ? this.options.settings ?? {} : null));
      }
      if (method === 'workspace/applyEdit') return { applied: false, failureReason: 'test client' };
      return null;
    });
    this.connection.listen();
  }

  /** Starts `node dist/server.js --stdio`. */
  static ours(options?: ClientOptions): LspClient {
    return new LspClient(process.execPath, [SERVER_JS, '--stdio'], options);
  }

  async initialize(capabilities: ClientCapabilities = CLIENT_CAPABILITIES, initializationOptions: Record<string, unknown> = {}): Promise<Outcome> {
    const r = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null, initializationOptions }, 60_000);
    if (r.kind === 'result') {
      this.capabilities = (r.result as { capabilities: ServerCapabilities }).capabilities;
      this.notify('initialized', {});
    }
    return r;
  }

  /** Sends a request; resolves with its outcome, never rejects. `cancelAfterMs` sends $/cancelRequest. */
  async request<T = unknown>(method: string, params: unknown, timeoutMs = 10_000, cancelAfterMs?: number): Promise<Outcome<T>> {
    const t0 = performance.now();
    if (this.exited) return { kind: 'crashed', ms: 0 };
    const source = new CancellationTokenSource();
    const timers: NodeJS.Timeout[] = [];
    if (cancelAfterMs !== undefined) timers.push(setTimeout(() => source.cancel(), cancelAfterMs));
    const outcome = await Promise.race<Outcome<T>>([
      this.connection.sendRequest(method, params, source.token).then(
        (result) => ({ kind: 'result', result: result as T, ms: performance.now() - t0 }),
        (e: { code?: number; message?: string }) => ({ kind: 'error', code: e.code ?? 0, message: String(e.message), ms: performance.now() - t0 }),
      ),
      new Promise<Outcome<T>>((resolve) => timers.push(setTimeout(() => resolve({ kind: 'timeout', ms: performance.now() - t0 }), timeoutMs))),
      this.exitPromise.then(() => ({ kind: 'crashed', ms: performance.now() - t0 }) as const),
    ]);
    timers.forEach(clearTimeout);
    source.dispose();
    return outcome;
  }

  /**
   * Sends one request per params at once, without awaiting any (as an editor resolves the visible
   * lenses), and resolves when the last answer arrives: `ms` from the first send to that answer.
   * One time limit for the whole batch; a failed request makes the outcome an error.
   */
  async requestAll<T = unknown>(method: string, params: unknown[], timeoutMs = 10_000): Promise<Outcome<T[]>> {
    const t0 = performance.now();
    if (this.exited) return { kind: 'crashed', ms: 0 };
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race<Outcome<T[]>>([
      Promise.all(params.map((p) => this.connection.sendRequest<T>(method, p))).then(
        (result) => ({ kind: 'result', result, ms: performance.now() - t0 }),
        (e: { code?: number; message?: string }) => ({ kind: 'error', code: e.code ?? 0, message: String(e.message), ms: performance.now() - t0 }),
      ),
      new Promise<Outcome<T[]>>((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout', ms: performance.now() - t0 }), timeoutMs))),
      this.exitPromise.then(() => ({ kind: 'crashed', ms: performance.now() - t0 }) as const),
    ]);
    clearTimeout(timer);
    return outcome;
  }

  notify(method: string, params: unknown): void {
    if (this.exited) return;
    this.connection.sendNotification(method, params).catch(() => undefined);
  }

  /**
   * The next publishDiagnostics for `uri` with at least `version` (register before sending the
   * notification that triggers it); undefined on timeout or exit.
   */
  nextDiagnostics(uri: string, version: number, timeoutMs = 10_000): Promise<Published | undefined> {
    let waiter: (typeof this.waiters)[number];
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      new Promise<Published>((resolve) => {
        waiter = { uri, version, resolve };
        this.waiters.push(waiter);
      }),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs))),
      this.exitPromise.then(() => undefined),
    ]).finally(() => {
      clearTimeout(timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
    });
  }

  /** Diagnostics for `uri` at `version` or later: the last ones published, else the next. */
  async settledDiagnostics(uri: string, version: number, timeoutMs = 10_000): Promise<Published | undefined> {
    for (let i = this.published.length - 1; i >= 0; i--) {
      const p = this.published[i];
      if (p.params.uri === uri && (p.params.version === undefined || p.params.version >= version)) return p;
    }
    return this.nextDiagnostics(uri, version, timeoutMs);
  }

  open(uri: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Opens a document and waits for its first diagnostics. */
  async openAndWait(uri: string, text: string, version = 1, timeoutMs = 10_000): Promise<Diagnostic[] | undefined> {
    const next = this.nextDiagnostics(uri, version, timeoutMs);
    this.open(uri, text, version);
    return (await next)?.params.diagnostics;
  }

  errorLogs(): string[] {
    return this.logs.filter((l) => l.type === 1).map((l) => l.message);
  }

  /** Resident memory of the server process in KiB: now and the peak. */
  memory(): { rssKiB: number; peakKiB: number } {
    return processMemory(this.pid);
  }

  async shutdown(): Promise<void> {
    if (!this.exited) {
      await this.request('shutdown', null, 3000);
      this.notify('exit', null);
      await Promise.race([this.exitPromise, new Promise((r) => setTimeout(r, 2000))]);
    }
    this.kill();
    this.connection.dispose();
  }

  kill(): void {
    if (this.exited) return;
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }
}

/** VmRSS and VmHWM of a process and its children (Linux /proc), in KiB. */
export function processMemory(pid: number): { rssKiB: number; peakKiB: number } {
  let rssKiB = 0;
  let peakKiB = 0;
  for (const p of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      rssKiB += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakKiB += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // the process exited meanwhile
    }
  }
  return { rssKiB, peakKiB };
}

function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(d));
      children.set(ppid, list);
    } catch {
      // raced with an exit
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}
