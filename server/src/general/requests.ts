// The requests the general-features worker answers, with the answer each gets. Shared by the
// worker (general/worker.ts) and the server side that asks (general/service.ts).
import type { CodeActionContext, CompletionItem, Diagnostic, DocumentLink, FormattingOptions, Hover, Position, Range, SignatureHelp, TextDocumentIdentifier, TextEdit } from 'vscode-languageserver-types';

/** A quick fix of the general lint with its edits already computed. */
export interface GeneralQuickFix {
  title: string;
  /** The range of the diagnostic the fix is for, as the service names it. */
  diagnosticRange?: Range;
  edits: TextEdit[];
}

export interface GeneralRequests {
  completion: { params: { text: string; position: Position }; answer: CompletionItem[] };
  resolveCompletion: { params: { item: CompletionItem }; answer: CompletionItem };
  hover: { params: { text: string; position: Position }; answer: Hover | null };
  signatureHelp: { params: { text: string; position: Position }; answer: SignatureHelp | null };
  format: { params: { text: string; options: FormattingOptions }; answer: TextEdit[] };
  formatRange: { params: { text: string; range: Range; options: FormattingOptions }; answer: TextEdit[] };
  formatOnType: { params: { text: string; position: Position; ch: string; options: FormattingOptions }; answer: TextEdit[] };
  links: { params: { text: string }; answer: DocumentLink[] };
  resolveLink: { params: { link: DocumentLink }; answer: DocumentLink };
  quickFixes: { params: { text: string; textDocument: TextDocumentIdentifier; range: Range; context: CodeActionContext }; answer: GeneralQuickFix[] };
  lint: { params: { text: string }; answer: Diagnostic[] };
}

export type GeneralMethod = keyof GeneralRequests;

export interface WorkerRequest<M extends GeneralMethod = GeneralMethod> {
  id: number;
  method: M;
  params: GeneralRequests[M]['params'];
}

export type WorkerAnswer = { id: number; answer: unknown } | { id: number; error: string };
