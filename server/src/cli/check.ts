// `dockerfile-stages check FILE...`: the server's stage diagnostics, for CI.
import { readFileSync } from 'node:fs';
import { parseDockerfile } from '../core/model/parse';
import { stageDiagnostics } from '../core/features/diagnostics';

export function check(files: string[], out: NodeJS.WritableStream): number {
  let problems = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const d of stageDiagnostics(parseDockerfile(text))) {
      if (d.severity === 4) continue;
      problems++;
      out.write(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code}: ${typeof d.message === 'string' ? d.message : d.message.value}\n`);
    }
  }
  return problems ? 1 : 0;
}
