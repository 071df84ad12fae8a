// One stage model per open document version, built on first use and shared by every handler.
// Each document keeps its own chunk cache, so a new version re-parses only the stages it touched.
// A document past the limits (limits.ts) gets an empty model, so every feature answers at once.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDockerfile, StageParser } from './core/model/parse';
import type { StageModel } from './core/model/types';
import { overLimits } from './limits';

interface Entry {
  parser: StageParser;
  model?: StageModel;
  /** Why the document is past the limits (logged once until it is back within them). */
  overLimits?: string;
}

export class ModelStore {
  private entries = new Map<string, Entry>();

  constructor(private readonly warn: (message: string) => void = () => undefined) {}

  get(document: TextDocument): StageModel {
    let entry = this.entries.get(document.uri);
    if (!entry) {
      entry = { parser: new StageParser() };
      this.entries.set(document.uri, entry);
    }
    if (!entry.model || entry.model.version !== document.version) {
      const text = document.getText();
      const reason = overLimits(text);
      if (reason) entry.parser = new StageParser();
      entry.model = reason ? parseDockerfile('', document.version) : entry.parser.parse(text, document.version);
      if (reason && !entry.overLimits) this.warn(`${document.uri}: stage features are off for this document: ${reason}`);
      if (!reason && entry.overLimits) this.warn(`${document.uri}: back within the limits, stage features are on again`);
      entry.overLimits = reason;
    }
    return entry.model;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
