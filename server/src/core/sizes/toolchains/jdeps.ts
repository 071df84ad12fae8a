// `jdeps --print-module-deps` (or --list-deps) over an application: the Java modules a later
// `jlink --add-modules $(cat FILE)` puts in its runtime. What the modules are is only known when
// the build runs; what kind of application jdeps looked at often is: a Spring Boot jar (its
// BOOT-INF/lib on the class path) needs far more of the JDK than java.base.
import type { RunCtx } from '../runContext';

/** Modules jlink resolves for a list jdeps prints. */
export interface ModuleGuess {
  /** Modules in the runtime (the printed ones and what they require). */
  modules: number;
  low: number;
  high: number;
  what: string;
}

/**
 * A Spring Boot application: jdeps over spring-petclinic's BOOT-INF/lib prints 16 modules
 * (java.desktop, java.sql.rowset, java.management.rmi, jdk.jdi ...); jlink adds what they require
 * (java.xml, java.sql, java.naming, java.logging, java.rmi, java.management ...), ≈ 24 in all (est.).
 * A web app without JPA prints fewer, one with more libraries a few more.
 */
export const SPRING_BOOT_MODULES: ModuleGuess = { modules: 24, low: 14, high: 34, what: "the modules jdeps finds in a Spring Boot application's BOOT-INF/lib, ≈ 24 with what they require (est.)" };

/** A list jdeps computes for an application of unknown kind: java.base and a few more (a guess). */
export const UNKNOWN_MODULES: ModuleGuess = { modules: 5, low: 1, high: 49, what: 'modules computed during the build, java.base and ≈ 4 more (a guess)' };

const PRINTS = ['--print-module-deps', '--list-deps', '--list-reduced-deps'];

/** What jdeps run with these words prints: a Spring Boot application's modules, or unknown ones. */
export function jdepsGuess(words: readonly string[]): ModuleGuess {
  return words.some((w) => w.includes('BOOT-INF')) ? SPRING_BOOT_MODULES : UNKNOWN_MODULES;
}

export function jdeps(words: string[], ctx: RunCtx): boolean {
  if (!words.some((w) => PRINTS.includes(w)) || !ctx.stdout || ctx.stdout.startsWith('/dev/')) return true;
  (ctx.stage.moduleLists ??= new Map()).set(ctx.path(ctx.stdout), jdepsGuess(words));
  return true;
}

/** The modules of a list written as `$(cat FILE)`, `` `cat FILE` `` or `$(jdeps ...)`, once jdeps wrote FILE. */
export function computedModules(list: string, ctx: RunCtx): ModuleGuess {
  if (/\bjdeps\b/.test(list)) return jdepsGuess(list.split(/\s+/));
  const file = /(?:\$\(|`)\s*cat\s+["']?([^"'`)\s]+)/.exec(list)?.[1];
  return (file && ctx.stage.moduleLists?.get(ctx.path(file))) || UNKNOWN_MODULES;
}
