// General Dockerfile features (instruction completion and hover, formatting, links, signature
// help, lint and its quick fixes) from dockerfile-language-service, which re-parses the whole text
// on every call: they are only offered for documents under a size limit, the lint runs in a
// worker with a time limit, and nothing here touches stages (ours follow BuildKit; its stage
// checks do not).
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { onceEach } from '../core/model/argumentMemo';
import type { Settings } from '../core/settings';
import { LIMITS, longLine } from '../limits';
import { createValidator, type GeneralValidator } from './validation';

/** Larger documents get stage features only: the general service takes ~0.25 s per MB per call. */
export const GENERAL_MAX_BYTES = 256 * 1024;

/** dockerfile-utils checks that stage diagnostics replace: duplicate and invalid stage names, invalid --from. */
const REPLACED_CODES = new Set([10, 12, 47]);

export class GeneralFeatures {
  private instance: DockerfileLanguageService | undefined;
  private validator: GeneralValidator | undefined;
  private warnedSize = new Set<string>();
  private warnedCalls = new Set<string>();

  constructor(
    private readonly log: (message: string) => void,
    /** Another extension (Container Tools, Docker DX) already provides these features. */
    private readonly othersPresent: () => boolean,
  ) {
  }

  /** Whether general features serve this document (setting, other extensions, size). */
  serves(document: TextDocument, settings: Settings): boolean {
    const on = settings.generalFeatures === 'on' || (settings.generalFeatures === 'auto' && !this.othersPresent());
    if (!on) return false;
    // The length first: a large document's whole text is not needed (nor joined) to say no.
    const small = document.offsetAt({ line: document.lineCount, character: 0 }) <= GENERAL_MAX_BYTES;
    const long = small ? longLine(document.getText(), LIMITS.maxGeneralLineChars) : undefined;
    if (small && !long) return true;
    if (!this.warnedSize.has(document.uri)) {
      this.warnedSize.add(document.uri);
      const why = long ? `line ${long.line + 1} is over ${LIMITS.maxGeneralLineChars} characters` : `it is over ${GENERAL_MAX_BYTES / 1024} KB`;
      this.log(`${document.uri}: ${why}: general Dockerfile features are off for it (stage features still work)`);
    }
    return false;
  }

  /** General lint, minus what stage diagnostics cover and anything overlapping them. */
  async lint(content: string, stageDiagnostics: Diagnostic[]): Promise<Diagnostic[] | undefined> {
    this.validator ??= createValidator(this.log);
    const found = await this.validator.validate(content);
    const serious = stageDiagnostics.filter((s) => s.severity !== 4);
    return found?.filter((d) => !REPLACED_CODES.has(Number(d.code)) && !serious.some((s) => overlaps(s.range, d.range)));
  }

  /** The service, loaded on first use: a session on large files alone never pays its ~12 MB. */
  get service(): DockerfileLanguageService {
    if (!this.instance) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { DockerfileLanguageServiceFactory } = require('dockerfile-language-service') as typeof import('dockerfile-language-service');
      this.instance = DockerfileLanguageServiceFactory.createLanguageService();
      this.instance.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } }, hover: { contentFormat: ['markdown', 'plaintext'] } });
    }
    return this.instance;
  }

  /**
   * Runs a call into dockerfile-language-service: it throws on some inputs (a stack overflow in its
   * parser), which is noted once in the log and answered with `fallback`.
   */
  call<T>(name: string, fallback: T, fn: (service: DockerfileLanguageService) => T): T {
    try {
      return onceEach(() => fn(this.service), { freshArguments: true });
    } catch (e) {
      const message = `general ${name} gave up on this input: ${e instanceof Error ? e.message : String(e)}`;
      if (!this.warnedCalls.has(message)) {
        this.warnedCalls.add(message);
        this.log(message);
      }
      return fallback;
    }
  }

  dispose(): void {
    this.validator?.dispose();
  }
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
