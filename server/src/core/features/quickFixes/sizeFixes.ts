// Quick fixes of the size findings (core/features/sizeFindings): each finding's own fix, titled with
// its saving (`Remove apt lists in the same RUN (≈ −19 MB)`), for the findings under the range.
// A fix that writes the .dockerignore creates it when missing; its path becomes a URI through
// `fileUri` (the node layer's), so the core stays free of paths and URIs of the file system.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextDocumentEdit, type CreateFile, type Range } from 'vscode-languageserver-types';
import type { StageModel } from '../../model/types';
import { sizeDiagnostics, sizeFindings, type SizeFinding, type SizeFindingOptions } from '../sizeFindings';
import { fixTitle } from '../sizeFindings/view';
import { fix, overlaps } from './index';

export function sizeQuickFixes(model: StageModel, uri: string, range: Range, options: SizeFindingOptions, fileUri: (path: string) => string): CodeAction[] {
  const out: CodeAction[] = [];
  const findings = sizeFindings(model, options);
  for (const d of sizeDiagnostics(model, options)) {
    if (!overlaps(d.range, range)) continue;
    const f = findings[(d.data as { finding?: number } | undefined)?.finding ?? -1];
    if (f?.fix) out.push(sizeAction(f, d, uri, fileUri));
  }
  return out;
}

function sizeAction(f: SizeFinding, d: Diagnostic, uri: string, fileUri: (path: string) => string): CodeAction {
  const title = fixTitle(f.fix!, f.saving);
  const files = f.fix!.files ?? [];
  if (!files.length) return fix(title, uri, f.fix!.edits, d, CodeActionKind.QuickFix, true);
  const changes: (TextDocumentEdit | CreateFile)[] = [];
  if (f.fix!.edits.length) changes.push({ textDocument: { uri, version: null }, edits: f.fix!.edits });
  for (const file of files) {
    const target = fileUri(file.path);
    if (file.create) changes.push({ kind: 'create', uri: target, options: { ignoreIfExists: true } });
    changes.push({ textDocument: { uri: target, version: null }, edits: file.edits });
  }
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, edit: { documentChanges: changes } };
}
