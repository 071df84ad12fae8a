// One stage model per open document version, built on first use and shared by every handler.
// Each document keeps its own chunk cache, so a new version re-parses only the stages it touched.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { StageParser } from './core/model/parse';
import type { StageModel } from './core/model/types';

interface Entry {
  parser: StageParser;
  model?: StageModel;
}

export class ModelStore {
  private entries = new Map<string, Entry>();

  get(document: TextDocument): StageModel {
    let entry = this.entries.get(document.uri);
    if (!entry) {
      entry = { parser: new StageParser() };
      this.entries.set(document.uri, entry);
    }
    if (!entry.model || entry.model.version !== document.version) {
      entry.model = entry.parser.parse(document.getText(), document.version);
    }
    return entry.model;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
