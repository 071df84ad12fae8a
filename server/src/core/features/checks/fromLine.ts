// BuildKit's checks of a FROM line against the global ARGs: UndefinedArgInFrom,
// InvalidDefaultArgInFrom, RedundantTargetPlatform and FromPlatformFlagConstDisallowed
// (dockerfile2llb/convert.go: validateBaseImagesWithDefaultArgs, reportUnusedFromArgs,
// reportRedundantTargetPlatform, reportConstPlatformDisallowed).
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { distance } from 'fastest-levenshtein';
import { checkImageReference } from '../../model/imageRef';
import { processWord } from '../../model/shellWord';
import type { Stage } from '../../model/types';
import { report, suggest, variableRange } from './report';
import { CHECK_RULES } from './rules';

export interface Globals {
  /** The global ARGs with a value, after the predefined platform ARGs. */
  values: ReadonlyMap<string, string | undefined>;
  /** Every name UndefinedArgInFrom accepts: declared global ARGs and the predefined ones. */
  declared: ReadonlySet<string>;
  escape: string;
  /** Identifies the globals, for caches. */
  key: string;
}

export function fromLineChecks(stage: Stage, globals: Globals, lineText: (line: number) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const line = stage.fromKeywordLine;
  const header = stage.headerRange;
  const lookup = (name: string) => globals.values.get(name);
  const base = processWord(stage.image, lookup, globals.escape);
  if (!base.error && !checkImageReference(base.value).ok) {
    out.push(report(CHECK_RULES.invalidDefaultArgInFrom, stage.imageRange ?? header, `Default value for ARG ${stage.image} results in empty or invalid base image name`, line));
  }
  undeclared(base.unmatched, stage.imageRange ?? header);
  const platform = stage.platform;
  if (platform) {
    const p = processWord(platform.value, lookup, globals.escape);
    undeclared(p.unmatched, platform.range);
    if (p.matched.size === 1 && p.unmatched.size === 0 && p.matched.has('TARGETPLATFORM') && p.value === globals.values.get('TARGETPLATFORM')) {
      out.push(report(CHECK_RULES.redundantTargetPlatform, platform.range, `Setting platform to predefined ${platform.value} in FROM is redundant as this is the default behavior`, line, dropPlatform(stage, lineText)));
    } else if (p.matched.size === 0 && p.unmatched.size === 0) {
      const parsed = parsePlatform(p.value);
      const name = stage.key ?? '';
      if (parsed && !name.includes(parsed.os) && !name.includes(parsed.arch)) {
        out.push(report(CHECK_RULES.fromPlatformFlagConstDisallowed, platform.range, `FROM --platform flag should not use constant value "${p.value}"`, line));
      }
    }
  }
  return out;

  function undeclared(names: ReadonlySet<string>, fallback: Range): void {
    for (const name of names) {
      if (globals.declared.has(name)) continue;
      const match = suggest(name, globals.declared, distance);
      const range = variableRange(lineText, header, name) ?? fallback;
      const fix = match ? { title: `Change to $${match}`, edits: [{ range, newText: match }] } : undefined;
      out.push(report(CHECK_RULES.undefinedArgInFrom, range, `FROM argument '${name}' is not declared${match ? ` (did you mean ${match}?)` : ''}`, line, fix));
    }
  }
}

/** Removes `--platform=$TARGETPLATFORM` and the blank after it. */
function dropPlatform(stage: Stage, lineText: (line: number) => string) {
  const value = stage.platform!.range;
  const text = lineText(value.start.line);
  const flagStart = text.lastIndexOf('--platform', value.start.character);
  if (flagStart === -1 || value.start.line !== value.end.line) return undefined;
  let end = value.end.character;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return { title: 'Remove --platform (it is the default)', edits: [{ range: { start: { line: value.start.line, character: flagStart }, end: { line: value.start.line, character: end } }, newText: '' }] };
}

const ARCHES = new Set(['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'mips64le', 'loong64', 'x86_64', 'aarch64', 'armhf', 'armel', 'i386', 'x86-64']);
const NORMAL_ARCH: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386' };

/** containerd's platforms.Parse, enough for the check: `os[/arch[/variant]]` or a lone architecture. */
function parsePlatform(value: string): { os: string; arch: string } | undefined {
  if (!value || !/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,2}$/.test(value)) return undefined;
  const parts = value.toLowerCase().split('/');
  if (parts.length === 1) return ARCHES.has(parts[0]) ? { os: 'linux', arch: NORMAL_ARCH[parts[0]] ?? parts[0] } : { os: parts[0], arch: 'amd64' };
  return { os: parts[0], arch: NORMAL_ARCH[parts[1]] ?? parts[1] };
}
