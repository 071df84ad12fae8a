// One stage model per open document version, built on first use and shared by every handler.
// Each document keeps its own chunk cache, and the edit that made a version (recorded as the
// documents are updated) lets the parser rescan only around it, reading only those lines of a
// PieceDocument. A document past the limits (limits.ts) gets an empty model, so every feature
// answers at once.
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { parseDockerfile, StageParser, textSource, type TextChange } from './core/model/parse';
import type { StageModel } from './core/model/types';
import { overLimits, overLimitsAfterEdit } from './limits';
import { PieceDocument } from './pieceDocument';

interface Entry {
  parser: StageParser;
  model?: StageModel;
  /** The single edit that turned version `from` into version `to`, when the update was one ranged change. */
  change?: { from: number; to: number; change: TextChange };
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
      const source = document instanceof PieceDocument ? document : textSource(document.getText());
      const change = entry.change && entry.model && entry.change.from === entry.model.version && entry.change.to === document.version ? entry.change.change : undefined;
      const reason = change && !entry.overLimits ? overLimitsAfterEdit(source, change.start, change.text.length) : overLimits(source.text());
      if (reason) entry.parser = new StageParser();
      entry.model = reason ? parseDockerfile('', document.version) : entry.parser.parse(source, document.version, change);
      if (!reason && source instanceof PieceDocument) source.adoptLineStarts(entry.model.lineStarts);
      if (reason && !entry.overLimits) this.warn(`${document.uri}: stage features are off for this document: ${reason}`);
      if (!reason && entry.overLimits) this.warn(`${document.uri}: back within the limits, stage features are on again`);
      entry.overLimits = reason;
    }
    return entry.model;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /**
   * The documents' update function (for TextDocuments): applies the changes and remembers a single
   * ranged edit, in offsets of the previous text, for the parser.
   */
  readonly update = (document: PieceDocument, changes: TextDocumentContentChangeEvent[], version: number): PieceDocument => {
    const entry = this.entries.get(document.uri);
    if (entry) {
      const only = changes.length === 1 && 'range' in changes[0] ? changes[0] : undefined;
      entry.change = only
        ? { from: document.version, to: version, change: { start: document.offsetAt(only.range.start), end: document.offsetAt(only.range.end), text: only.text } }
        : undefined;
    }
    return PieceDocument.update(document, changes, version);
  };
}
