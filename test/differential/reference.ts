// A reference model of BuildKit v0.24.0's verdict on a generated Dockerfile (default target, no
// build args, every valid image pullable), written from moby/buildkit's sources as read:
// dockerfile2llb/convert.go (toDispatchState, toCommand, dispatch, allReachableStages,
// validateCircularDependency), convert_runmount.go (detectRunMount), instructions/parse.go and
// linter/linter.go. It shares only the shell-word lexer and the image-name grammar with the code
// under test; the stage list, implicit states, dependencies and dispatch order are its own.
import { checkImageReference } from '../../server/src/core/model/imageRef';
import { flagWordValue, processWord } from '../../server/src/core/model/shellWord';
import { parseCheck } from '../../server/src/core/model/directives';

interface State {
  name: string;
  base: string;
  baseState?: State;
  implicit: boolean;
  deps: Set<State>;
  commands: { from?: State; mountFrom?: { state: State; named: boolean } }[];
  dispatched: boolean;
  lines: string[];
}

const PLATFORM: [string, string][] = [['TARGETPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['TARGETARCH', 'amd64'], ['BUILDPLATFORM', 'linux/amd64']];

/** undefined: builds; a string: BuildKit's failure. */
export function buildkitVerdict(text: string): string | undefined {
  const lines = text.split('\n').filter((l) => l.trim());
  const directive = lines[0]?.startsWith('# check=') ? lines.shift()!.slice('# check='.length) : undefined;
  const check = parseCheck(directive);
  if (check.invalid) return 'failed to parse check options';
  const globals = new Map<string, string>(PLATFORM);
  const states: State[] = [];
  let warnings = 0;
  for (const line of lines) {
    const [keyword, ...rest] = line.split(' ');
    if (keyword === 'ARG' && !states.length) {
      const [k, ...v] = rest.join(' ').split('=');
      if (v.length) globals.set(k, processWord(v.join('='), (n) => globals.get(n)).value);
      continue;
    }
    if (keyword === 'FROM') {
      const [base, as, name] = rest;
      if (name !== undefined) {
        if (!/^[a-z][a-z0-9-_.]*$/.test(name.toLowerCase())) return `invalid name for build stage: "${name}"`;
        if (name !== name.toLowerCase()) warnings++; // StageNameCasing
        if (as !== as.toUpperCase()) warnings++; // FromAsCasing (FROM is upper case here)
        if (name.toLowerCase() === 'scratch' || name.toLowerCase() === 'context') warnings++;
        if (states.some((s) => !s.implicit && s.name === name.toLowerCase())) warnings++;
      }
      states.push({ name: name?.toLowerCase() ?? '', base, implicit: false, deps: new Set(), commands: [], dispatched: false, lines: [] });
      continue;
    }
    states[states.length - 1]?.lines.push(line);
  }
  if (!states.length) return 'dockerfile contains no stages to build';
  if (check.error && warnings && !check.skipAll) return 'lint violations';
  // set base state for every image (FROM sees the stages registered so far, by exact name)
  const byName = new Map<string, State>();
  for (const st of states) {
    const r = processWord(st.base, (n) => globals.get(n));
    if (r.value === '') return `base name (${st.base}) should not be blank`;
    st.base = r.value;
    st.baseState = byName.get(st.base);
    if (st.name) byName.set(st.name, st);
  }
  const all = states.slice();
  const find = (name: string) => byName.get(name.toLowerCase());
  for (const st of states) {
    for (const line of st.lines) {
      if (line.startsWith('ADD --from')) return 'unknown flag: --from';
      const copy = /^COPY --from=(\S*) /.exec(line);
      if (copy) {
        const from = flagWordValue(copy[1]);
        if (from.includes('$') && processWord(from).value !== from) return 'variable expansion is not supported for --from';
        if (from === '') {
          st.commands.push({});
          continue;
        }
        let src: State | undefined;
        if (/^[+-]?[0-9]+$/.test(from)) {
          src = all[Number(from)];
          if (!src) return `invalid stage index ${from}`;
        } else src = find(from) ?? implicit(from, all);
        st.deps.add(src);
        st.commands.push({ from: src });
        continue;
      }
      const mount = /^RUN --mount=(\S*) /.exec(line);
      if (mount) {
        const fields = new Map(flagWordValue(mount[1]).split(',').map((f) => [f.split('=')[0].toLowerCase(), f.split('=').slice(1).join('=')] as [string, string]));
        const from = fields.get('from') ?? '';
        if (from.includes('$') && processWord(from).value !== from) return "'from' doesn't support variable expansion";
        const src = find(from || 'scratch') ?? implicit(from || 'scratch', all);
        st.deps.add(src);
        const usesState = from !== '' || fields.get('type') === 'cache';
        st.commands.push(usesState ? { mountFrom: { state: src, named: true } } : {});
      }
    }
  }
  if (cycle(all)) return 'circular dependency detected';
  for (const st of all) if (!st.baseState && st.base !== 'scratch' && !checkImageReference(st.base).ok) return `failed to parse stage name "${st.base}"`;
  const target = states[states.length - 1];
  const reachable = new Set<State>();
  const visit = (s: State) => {
    if (reachable.has(s)) return;
    reachable.add(s);
    if (s.baseState) visit(s.baseState);
    for (const d of s.deps) visit(d);
  };
  visit(target);
  for (const st of all) if (st.implicit && reachable.has(st)) st.dispatched = true;
  for (const st of all) {
    if (st.implicit || !reachable.has(st)) continue;
    for (const c of st.commands) {
      if (c.from && !c.from.dispatched) return `cannot copy from stage "${c.from.name}", it needs to be defined before current stage`;
      if (c.mountFrom && !c.mountFrom.state.dispatched) return 'cannot mount from stage, stage needs to be defined before current command';
    }
    st.dispatched = true;
  }
  return undefined;
}

function implicit(name: string, all: State[]): State {
  const s: State = { name: '', base: name, implicit: true, deps: new Set(), commands: [], dispatched: false, lines: [] };
  all.push(s);
  return s;
}

function cycle(states: State[]): boolean {
  const visited = new Set<State>();
  const path = new Set<State>();
  const visit = (s: State): boolean => {
    if (visited.has(s)) return false;
    visited.add(s);
    path.add(s);
    for (const d of s.deps) if (path.has(d) || visit(d)) return true;
    path.delete(s);
    return false;
  };
  return states.some((s) => visit(s));
}
