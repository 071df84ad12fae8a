// Applies LSP text edits to a text (with the same library the server's documents use).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 0, text), edits);
}

export function applyAction(text: string, action: CodeAction, uri = 'file:///test/Dockerfile'): string {
  const edits = action.edit?.changes?.[uri];
  if (!edits) throw new Error(`action "${action.title}" has no edits for ${uri}`);
  return applyEdits(text, edits);
}
