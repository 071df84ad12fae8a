// The dockerfile-stages command line: stage diagnostics and size reports over the same core as the
// language server, for CI.
import { readFileSync } from 'node:fs';
import { parseDockerfile } from './core/model/parse';
import { stageDiagnostics } from './core/features/diagnostics';

const USAGE = `Usage: dockerfile-stages check FILE...`;

function main(argv: string[]): number {
  const [command, ...files] = argv;
  if (command !== 'check' || !files.length) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  let problems = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const d of stageDiagnostics(parseDockerfile(text))) {
      if (d.severity === 4) continue;
      problems++;
      process.stdout.write(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code}: ${typeof d.message === 'string' ? d.message : d.message.value}\n`);
    }
  }
  return problems ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
