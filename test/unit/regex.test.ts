// No regular expression in the server can backtrack without bound on user text. The test finds
// every regex literal under server/src (so patterns added later are covered without anyone
// listing them) and runs each, in a worker that a watchdog can stop, against long adversarial
// lines built from the characters of the pattern itself: runs of one character or class member,
// then a character that spoils the match. A pattern whose time grows faster than the input
// (quadratic or worse) fails. `new RegExp(...)` cannot be checked this way: each must be listed in
// DYNAMIC with why its input is bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';

const SERVER = join(__dirname, '..', '..', 'server', 'src');

/** `new RegExp` sites: file and why the pattern or its input cannot make it backtrack without bound. */
const DYNAMIC: { file: string; why: string }[] = [];

/** Literals that backtrack on long runs but never see user text, with why (`file /source/flags`). */
const OWN_TEXT_ONLY: Record<string, string> = {
  'core/sizes/units.ts /0+$/': 'trims the zeros of toFixed(1|2) on a size the estimator computed: a few characters',
};

interface Literal {
  file: string;
  source: string;
  flags: string;
}

test('every regex literal under server/src stays linear on adversarial lines', async () => {
  const literals = walk(SERVER).flatMap((file) => regexLiterals(readFileSync(file, 'utf8')).map((l) => ({ ...l, file: relative(SERVER, file) })));
  assert.ok(literals.length > 20, `only ${literals.length} regex literals found: the scanner is broken`);
  const slow = (await runInWorker(literals)).filter((s) => !Object.keys(OWN_TEXT_ONLY).some((k) => s.startsWith(k + ' ')));
  assert.deepEqual(slow, [], 'patterns that backtrack on long lines: rewrite them (indexOf, a loop) or, if they never see user text, list them in OWN_TEXT_ONLY');
});

test('every new RegExp(...) in server/src is listed with why it is bounded', () => {
  const found = walk(SERVER).filter((f) => /\bRegExp\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(SERVER, f));
  assert.deepEqual(found.sort(), DYNAMIC.map((d) => d.file).sort());
});

test('the check catches a pattern that backtracks, and the scanner finds literals in code only', async () => {
  const planted = [
    { file: 'planted', source: ':[^/]*$', flags: '' },
    { file: 'planted', source: '-+$', flags: '' },
    { file: 'planted', source: '^\\s*x\\s*$', flags: '' },
    { file: 'planted', source: '^\\s*#\\s*ignore=([a-z ]*)\\s*$', flags: '' },
  ];
  assert.deepEqual((await runInWorker(planted)).map((s) => s.split(' ')[1]), ['/:[^/]*$/', '/-+$/', '/^\\s*#\\s*ignore=([a-z', ]);
  const code = "const a = /x+/g.test(s); // not /y/\nconst b = '/usr/' + `/etc/${c}` + d / e / f;\nif (/^z$/i.exec(s)) return /w/;";
  assert.deepEqual(regexLiterals(code).map((l) => `/${l.source}/${l.flags}`), ['/x+/g', '/^z$/i', '/w/']);
});

/** Runs every pattern over its adversarial inputs in a worker; a pattern that stalls it is reported by the watchdog. */
function runInWorker(literals: Literal[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: literals });
    const slow: string[] = [];
    let current = '';
    let timer: NodeJS.Timeout | undefined;
    const watchdog = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        slow.push(`${current} (stalled over 10 s)`);
        void worker.terminate().then(() => resolve(slow));
      }, 10_000);
    };
    watchdog();
    worker.on('message', (m: { start?: string; slow?: string; done?: boolean }) => {
      if (m.start) current = m.start;
      if (m.slow) slow.push(m.slow);
      if (m.done) {
        clearTimeout(timer);
        void worker.terminate().then(() => resolve(slow));
      } else watchdog();
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

// Per pattern: characters it names (literal characters and the ends of classes and ranges) plus a
// few generic ones, each as a run of N and 4N characters followed by a spoiler. Linear work
// grows 4x from N to 4N; quadratic 16x: a pattern whose time grows more than 10x while the long
// run takes over 20 ms is reported.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const N = 5000;
const GENERIC = [' ', '\\t', 'a', 'A', '0', '-', '_', '.', ':', '/', '$', '{', '#', '=', '@', '\\\\', '"', "'", 'a-', 'a.', 'a_', '\${', ' #', 'a:', '-a', '0.'];
const SPOILERS = ['!', '\\n', '/', 'x', ' ', '\\u00e9', '}', ':'];
function charsOf(source) {
  const out = new Set();
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\\\') { const n = source[i + 1]; i++; if (n === 's') out.add(' '); else if (n === 'd') out.add('7'); else if (n === 'w') out.add('w'); else if (n && !/[a-zA-Z]/.test(n)) out.add(n); continue; }
    if (!'^$()[]|*+?{}'.includes(c)) out.add(c);
  }
  return [...out];
}
// The literal text a pattern starts with (\\s* dropped, \\s+ as a space), up to its first group,
// class or alternative: an anchored pattern only backtracks once that prefix has matched.
function prefixOf(source) {
  let out = '';
  let i = source[0] === '^' ? 1 : 0;
  while (i < source.length) {
    const c = source[i];
    if ('([|.$'.includes(c)) break;
    if (c === '\\\\') {
      const n = source[i + 1];
      const q = source[i + 2];
      if (n === 's') { if (q === '+') out += ' '; else if (q !== '*' && q !== '?') out += ' '; i += q === '*' || q === '+' || q === '?' ? 3 : 2; continue; }
      if (/[a-zA-Z]/.test(n)) break;
      out += n; i += 2; continue;
    }
    if ('*+?{'.includes(c)) break;
    out += c; i++;
  }
  return out;
}
function time(re, input) {
  const t0 = performance.now();
  re.lastIndex = 0; re.exec(input);
  input.replace(re, '-');
  return performance.now() - t0;
}
for (const lit of workerData) {
  const name = lit.file + ' /' + lit.source + '/' + lit.flags;
  parentPort.postMessage({ start: name });
  let re;
  try { re = new RegExp(lit.source, lit.flags.replace('y', '')); } catch { continue; }
  const runs = [...new Set([...charsOf(lit.source), ...GENERIC])];
  const prefix = prefixOf(lit.source);
  let flagged = false;
  for (const r of runs) {
    for (const s of SPOILERS) {
      const short = prefix + r.repeat(Math.ceil(N / r.length)) + s;
      const long = prefix + r.repeat(Math.ceil(4 * N / r.length)) + s;
      time(re, short);
      let a = time(re, short);
      let b = time(re, long);
      // A pause of the machine can make one long run slow: a suspect is timed twice more.
      for (let k = 0; k < 2 && b > 20 && b > 10 * Math.max(a, 0.05); k++) { a = Math.min(a, time(re, short)); b = Math.min(b, time(re, long)); }
      if (b > 20 && b > 10 * Math.max(a, 0.05)) { parentPort.postMessage({ slow: name + ' on ' + JSON.stringify(r) + '+' + JSON.stringify(s) + ': ' + a.toFixed(1) + ' ms -> ' + b.toFixed(1) + ' ms' }); flagged = true; break; }
    }
    parentPort.postMessage({ start: name });
    if (flagged) break;
  }
}
parentPort.postMessage({ done: true });
`;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'in', 'of', 'delete', 'void', 'throw', 'new', 'else', 'do', 'yield', 'await']);

/** Regex literals of TypeScript source: skips strings, template text and comments; tells a regex from a division by what precedes it. */
export function regexLiterals(code: string): { source: string; flags: string }[] {
  const out: { source: string; flags: string }[] = [];
  const templates: number[] = []; // brace depth at which each open template's ${ started
  let depth = 0;
  let prev = ''; // last significant token: a punctuator character or a word
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      while (i < n && code[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      i++;
      while (i < n && code[i] !== c && code[i] !== '\n') i += code[i] === '\\' ? 2 : 1;
      i++;
      prev = 'x';
      continue;
    }
    if (c === '`' || (c === '}' && templates.length && templates[templates.length - 1] === depth)) {
      if (c === '}') templates.pop();
      i++;
      while (i < n && code[i] !== '`' && !(code[i] === '$' && code[i + 1] === '{')) i += code[i] === '\\' ? 2 : 1;
      if (code[i] === '$') {
        templates.push(depth);
        i += 2;
        prev = '{';
      } else {
        i++;
        prev = 'x';
      }
      continue;
    }
    if (c === '/') {
      if (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || KEYWORDS_BEFORE_REGEX.has(prev)) {
        let j = i + 1;
        let inClass = false;
        while (j < n && code[j] !== '\n' && (inClass || code[j] !== '/')) {
          if (code[j] === '\\') j++;
          else if (code[j] === '[') inClass = true;
          else if (code[j] === ']') inClass = false;
          j++;
        }
        let k = j + 1;
        while (k < n && /[a-z]/.test(code[k])) k++;
        out.push({ source: code.slice(i + 1, j), flags: code.slice(j + 1, k) });
        i = k;
        prev = 'x';
        continue;
      }
      prev = '/';
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[A-Za-z0-9_$]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_$]/.test(code[j])) j++;
      prev = code.slice(i, j);
      if (!KEYWORDS_BEFORE_REGEX.has(prev)) prev = 'x';
      i = j;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    prev = c === ')' || c === ']' || c === '}' ? 'x' : c;
    i++;
  }
  return out;
}
