// General Dockerfile features (instruction completion and hover, formatting, links, signature
// help, lint and its quick fixes) from dockerfile-language-service and dockerfile-utils. Every call
// into them runs in a worker with a time budget (general/boundedWorker.ts): they re-parse the
// whole text on every call, take seconds on some inputs and never return on others. They are only
// offered for documents under a size limit, and nothing here touches stages (ours follow
// BuildKit; their stage checks do not).
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import type { Settings } from '../core/settings';
import { LIMITS, longLine } from '../limits';
import { BoundedWorker } from './boundedWorker';
import type { GeneralMethod, GeneralRequests } from './requests';

/** Larger documents get stage features only: the general service takes ~0.25 s per MB per call. */
export const GENERAL_MAX_BYTES = 256 * 1024;

/** dockerfile-utils checks that stage diagnostics replace: duplicate and invalid stage names, invalid --from. */
const REPLACED_CODES = new Set([10, 12, 47]);

/** Time budgets: a request the editor waits on, formatting a whole document, and the lint. */
export const GENERAL_BUDGET_MS = { request: 500, format: 1500, lint: 3000 };
const WORKER_SCRIPT = path.join(__dirname, 'general-worker.js');

export class GeneralFeatures {
  /** Requests the editor waits on; the lint has a worker of its own, so a slow lint never delays them. */
  readonly requests: BoundedWorker;
  private readonly linter: BoundedWorker;
  private warnedSize = new Set<string>();

  constructor(
    private readonly log: (message: string) => void,
    /** Another extension (Container Tools, Docker DX) already provides these features. */
    private readonly othersPresent: () => boolean,
    script = WORKER_SCRIPT,
  ) {
    this.requests = new BoundedWorker(script, 'general', log);
    this.linter = new BoundedWorker(script, 'general', log);
  }

  /** Whether general features serve this document (setting, other extensions, size). */
  serves(document: TextDocument, settings: Settings): boolean {
    const on = settings.generalFeatures === 'on' || (settings.generalFeatures === 'auto' && !this.othersPresent());
    if (!on) return false;
    // The length first: a large document's whole text is not needed (nor joined) to say no.
    const small = document.offsetAt({ line: document.lineCount, character: 0 }) <= GENERAL_MAX_BYTES;
    const long = small ? longLine(document.getText(), LIMITS.maxGeneralLineChars) : undefined;
    if (small && !long) {
      this.requests.warm();
      return true;
    }
    if (!this.warnedSize.has(document.uri)) {
      this.warnedSize.add(document.uri);
      const why = long ? `line ${long.line + 1} is over ${LIMITS.maxGeneralLineChars} characters` : `it is over ${GENERAL_MAX_BYTES / 1024} KB`;
      this.log(`${document.uri}: ${why}: general Dockerfile features are off for it (stage features still work)`);
    }
    return false;
  }

  /** General lint, minus what stage diagnostics cover and anything overlapping them. */
  async lint(uri: string, content: string, stageDiagnostics: Diagnostic[]): Promise<Diagnostic[] | undefined> {
    const found = await this.linter.run('lint', { text: content }, { budgetMs: GENERAL_BUDGET_MS.lint, key: uri, label: uri });
    const serious = stageDiagnostics.filter((s) => s.severity !== 4);
    return found?.filter((d) => !REPLACED_CODES.has(Number(d.code)) && !serious.some((s) => overlaps(s.range, d.range)));
  }

  /**
   * Asks the worker; `fallback` when the request overruns its budget, fails, is cancelled while it
   * waits, or the worker dies.
   */
  async ask<M extends GeneralMethod>(method: M, params: GeneralRequests[M]['params'], fallback: GeneralRequests[M]['answer'], options: { uri: string; token?: CancellationToken }): Promise<GeneralRequests[M]['answer']> {
    const budgetMs = method.startsWith('format') ? GENERAL_BUDGET_MS.format : GENERAL_BUDGET_MS.request;
    return (await this.requests.run(method, params, { budgetMs, token: options.token, label: options.uri })) ?? fallback;
  }

  dispose(): void {
    this.requests.dispose();
    this.linter.dispose();
  }
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
