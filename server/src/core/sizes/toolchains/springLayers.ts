// Spring Boot's jar modes unpack a fat jar where a later COPY --from picks it up layer by layer:
// `java -Djarmode=layertools -jar app.jar extract` (Boot 2.3-3.2, docker init's Java template) and
// `java -Djarmode=tools -jar app.jar extract --layers --launcher` (3.3+) write dependencies/,
// spring-boot-loader/, snapshot-dependencies/ and application/; `tools extract` without --layers
// writes lib/ and a thin jar. The bytes are the fat jar's (its inner jars are stored as they are).
import { isUnder, type Item } from '../ledger';
import type { RunCtx } from '../runContext';
import { flagValue } from '../shell';
import type { SizeRange } from '../types';
import { KB, MB, formatBytes } from '../units';
import { artifact, r } from './common';

/** The launcher classes Spring Boot writes beside the dependencies (spring-boot-loader, about 300 KB). */
const LOADER = r(0.3 * MB, 0.2 * MB, 0.6 * MB);
/** A fat jar no build in sight explains. */
const UNKNOWN_JAR = r(30 * MB, 5 * MB, 100 * MB);

export function javaJarMode(words: string[], ctx: RunCtx): boolean {
  const mode = words.find((w) => w.startsWith('-Djarmode='))?.slice('-Djarmode='.length);
  if ((mode !== 'layertools' && mode !== 'tools') || !words.includes('extract')) return false;
  const jarWord = flagValue(words, ['-jar']);
  if (!jarWord) return true;
  const jarPath = ctx.path(jarWord);
  const jar = builtJar(ctx, jarPath);
  const size = jar?.size ?? UNKNOWN_JAR;
  const of = jar ? `the jar ${jarWord} (${formatBytes(size.bytes)})` : `${jarWord} (no build of it seen: a 30 MB guess)`;
  const name = jarWord.slice(jarWord.lastIndexOf('/') + 1);
  const dest = ctx.path(flagValue(words, ['--destination']) ?? (mode === 'tools' ? name.replace(/\.[jw]ar$/, '') : '.'));
  // The project's own classes, as its build compiled them, else a small share of the jar; the rest is its dependencies.
  const classes = compiledClasses(ctx);
  const app = classes && jar ? classes.size : share(size, 0.02, 2 * MB);
  const deps = r(Math.max(0, size.bytes - app.bytes - LOADER.bytes), Math.max(0, size.low - app.high - LOADER.high), size.high);
  const unknown = jar ? jar.unknown : `the jar ${jarWord}`;
  const add = (sub: string, s: SizeRange, what: string) => artifact(ctx, `${dest}/${sub}`, s, `java -Djarmode=${mode} extract: ${what} of ${of}`, false, unknown);
  if (mode === 'layertools' || words.includes('--layers')) {
    add('dependencies', deps, 'the dependencies');
    add('spring-boot-loader', LOADER, 'the launcher');
    add('snapshot-dependencies', r(0, 0, 1 * MB), 'the snapshot dependencies');
    add('application', app, "the project's classes");
  } else {
    add('lib', deps, 'the dependencies');
    add(name, r(app.bytes + LOADER.bytes, app.low + LOADER.low, app.high + LOADER.high), "the thin jar of the project's classes");
  }
  return true;
}

/** The jar a build of this stage (or the stage it is built on) wrote at `path`, or into the folder holding it. */
function builtJar(ctx: RunCtx, path: string): Item | undefined {
  const items = [...ctx.stage.items.all(), ...ctx.added].reverse();
  return items.find((it) => it.kind === 'artifact' && !it.lazy && (it.path === path || (it.fuzzy && isUnder(path, it.path))));
}

/** What `mvn package` or `gradle build` compiled (target/classes, build/classes), when a build of the stage was seen. */
function compiledClasses(ctx: RunCtx): Item | undefined {
  return [...ctx.stage.items.all(), ...ctx.added].reverse().find((it) => it.kind === 'residue' && /\/(target|build)\/classes$/.test(it.path));
}

function share(size: SizeRange, f: number, cap: number): SizeRange {
  const bytes = Math.min(size.bytes * f, cap);
  return r(Math.max(bytes, 4 * KB), Math.min(size.low * f, bytes), Math.min(size.high * 0.2, cap * 5));
}
