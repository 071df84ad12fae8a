// `dockerfile-stages sizes [--json] [--target STAGE] [--context DIR] [--budget SIZE] FILE`: the size
// estimate of every stage, as a table or as JSON; with --budget, exit 1 when the final image's
// estimate exceeds it (for CI). The build context defaults to the Dockerfile's folder.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile } from '../core/model/parse';
import { estimateStages } from '../core/sizes/estimator';
import type { StageEstimate } from '../core/sizes/types';
import { formatBytes, formatEstimate, parseSize } from '../core/sizes/units';
import { ContextIndex } from '../node/contextIndex';

const USAGE = 'Usage: dockerfile-stages sizes [--json] [--target STAGE] [--context DIR] [--budget SIZE] FILE\n';

interface Args {
  json: boolean;
  target?: string;
  context?: string;
  budget?: number;
  file?: string;
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    const [flag, inline] = w.startsWith('--') && w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--json') a.json = true;
    else if (flag === '--target') a.target = value();
    else if (flag === '--context') a.context = value();
    else if (flag === '--budget') {
      const v = value();
      a.budget = v === undefined ? undefined : parseSize(v);
      if (a.budget === undefined) return `invalid --budget "${v}" (e.g. 50MB, 1.2GB)`;
    } else if (w.startsWith('-') && w !== '-') return `unknown option ${w}`;
    else if (a.file) return 'only one FILE';
    else a.file = w;
  }
  return a.file ? a : 'missing FILE';
}

export async function sizes(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err.write(`dockerfile-stages sizes: ${args}\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file!, 'utf8');
  } catch (e) {
    err.write(`dockerfile-stages sizes: cannot read ${args.file}: ${e instanceof Error ? e.message : e}\n`);
    return 2;
  }
  const contextDir = path.resolve(args.context ?? path.dirname(args.file!));
  const index = new ContextIndex(contextDir, path.resolve(args.file!));
  await index.build(20_000);
  const model = parseDockerfile(text);
  if (args.target && !model.names.has(args.target.toLowerCase())) {
    err.write(`dockerfile-stages sizes: no stage named "${args.target}"\n`);
    return 2;
  }
  const estimates = estimateStages(model, { target: args.target, io: { contextSize: (s) => index.size(s), contextText: (p) => index.text(p) } });
  if (args.json) out.write(JSON.stringify(toJson(args.file!, estimates), null, 2) + '\n');
  else out.write(table(estimates));
  const final = estimates.find((e) => e.final);
  if (args.budget !== undefined && final && final.bytes > args.budget) {
    err.write(`final image ${formatEstimate(final)} exceeds the budget of ${formatBytes(args.budget)}\n`);
    return 1;
  }
  return 0;
}

function toJson(file: string, estimates: StageEstimate[]) {
  return {
    file,
    stages: estimates.map((e) => ({
      index: e.index,
      name: e.name,
      base: e.base,
      bytes: Math.round(e.bytes),
      low: Math.round(e.low),
      high: Math.round(e.high),
      final: e.final,
      layers: e.layers.map((l) => ({ line: l.line + 1, instruction: l.instruction, bytes: Math.round(l.bytes), note: l.note })),
    })),
  };
}

function table(estimates: StageEstimate[]): string {
  const rows = [['#', 'STAGE', 'BASE', 'ESTIMATE', 'RANGE', 'FINAL']];
  for (const e of estimates) {
    rows.push([String(e.index), e.name ?? '-', e.base, formatBytes(e.bytes), `${formatBytes(e.low)} – ${formatBytes(e.high)}`, e.final ? 'final' : e.built ? `no${e.copiedOut ? ` (copied ${formatBytes(e.copiedOut)})` : ''}` : 'not built']);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n') + '\n';
}
