// A JavaScript build's output, recorded where its framework writes it: Next.js (.next: server,
// static, cache; .next/standalone when next.config asks for it; out for a static export), Nuxt
// (.output), Gatsby (public), SvelteKit (.svelte-kit, build), Remix, Docusaurus and Create React App
// (build), Vite, Angular and the rest (dist, or --outDir). The framework comes from package.json's
// build script, else its dependencies, else config files the stage copied (next.config.js); when
// none is readable the output is at dist and at each conventional name a later COPY may use.
import type { RunCtx } from '../runContext';
import type { SizeRange } from '../types';
import { MB, formatBytes } from '../units';
import { bareDir, r } from './common';

type Framework = 'next' | 'nuxt' | 'gatsby' | 'sveltekit' | 'remix' | 'docusaurus' | 'cra' | 'angular' | 'vite';

/** A framework's own build command in a script (`next build`, `react-scripts build`). */
const TOOLS: [Framework, RegExp][] = [
  ['next', /\bnext\s+(build|export)\b/],
  ['nuxt', /\bnuxi?\s+(build|generate)\b/],
  ['gatsby', /\bgatsby\s+build\b/],
  ['sveltekit', /\bsvelte-kit\s+build\b/],
  ['remix', /\bremix\s+(vite:)?build\b/],
  ['docusaurus', /\bdocusaurus\s+build\b/],
  ['cra', /\b(react-scripts|craco|react-app-rewired)\s+build\b/],
  ['angular', /\bng\s+build\b/],
];

/** Dependencies that name the framework (SvelteKit's and Remix's scripts say `vite build`). */
const DEPENDENCIES: [Framework, string][] = [
  ['next', 'next'], ['nuxt', 'nuxt'], ['gatsby', 'gatsby'], ['sveltekit', '@sveltejs/kit'], ['remix', '@remix-run/dev'],
  ['docusaurus', '@docusaurus/core'], ['cra', 'react-scripts'], ['angular', '@angular/cli'], ['vite', 'vite'],
];

/** Config files a stage copies that name the framework when package.json cannot be read. */
const CONFIGS: [Framework, string][] = [
  ['next', 'next.config.'], ['nuxt', 'nuxt.config.'], ['gatsby', 'gatsby-config.'], ['sveltekit', 'svelte.config.'],
  ['remix', 'remix.config.'], ['docusaurus', 'docusaurus.config.'], ['angular', 'angular.json'],
];

/** Frameworks that write a static bundle to build/. */
const BUILD_DIR_NAMES: Partial<Record<Framework, string>> = { remix: 'Remix', docusaurus: 'Docusaurus', cra: 'Create React App' };

/** Where an unidentified build may have written: a copy of any of these paths takes its output. */
const CONVENTIONAL = ['build', 'out', '.next', '.output', '.svelte-kit'];

/** Script names that build nothing (`npm run lint`, `npm run test:ci`). */
const NOT_A_BUILD = /^(test|lint|format|fmt|prettier|typecheck|type-check|check|start|dev|serve|preview|e2e|clean|storybook)(:|$)/;

/** A static bundle (JavaScript, CSS, assets, source maps): a few MB, tens for a large app. */
const BUNDLE = r(4 * MB, 0.5 * MB, 30 * MB);

/** A file of the build context at `project` (as the image sees it), by the COPY that put it or the project there. */
export function contextFile(ctx: RunCtx, project: string, name: string): string | undefined {
  const tried = new Set<string>();
  const read = (rel: string) => {
    if (tried.has(rel)) return undefined;
    tried.add(rel);
    return ctx.io?.contextText?.(rel);
  };
  for (const it of ctx.contextItems().slice().reverse()) {
    if (!it.sources) continue;
    for (const src of it.sources) {
      const dir = bareDir(src);
      const base = dir.slice(dir.lastIndexOf('/') + 1);
      let rel: string | undefined;
      if (it.path === `${project}/${name}` || (it.path === project && base === name)) rel = dir;
      else if (it.path === project && base.includes('*') && name.startsWith(base.slice(0, base.indexOf('*')))) rel = dir.slice(0, dir.length - base.length) + name;
      else if (project === it.path && !base.includes('.')) rel = dir ? `${dir}/${name}` : name;
      else if (project.startsWith(it.path + '/') && !base.includes('.')) rel = `${dir ? dir + '/' : ''}${project.slice(it.path.length + 1)}/${name}`;
      const text = rel && read(rel);
      if (text !== undefined && text !== '') return text;
    }
  }
  return read(name);
}

interface PackageJson {
  scripts: Record<string, string>;
  deps: Set<string>;
}

function packageJson(ctx: RunCtx, project: string): PackageJson | undefined {
  const text = contextFile(ctx, project, 'package.json');
  if (text === undefined) return undefined;
  try {
    const j = JSON.parse(text) as { scripts?: Record<string, unknown>; dependencies?: object; devDependencies?: object };
    const scripts: Record<string, string> = {};
    for (const [k, v] of Object.entries(j.scripts ?? {})) if (typeof v === 'string') scripts[k] = v;
    return { scripts, deps: new Set([...Object.keys(j.dependencies ?? {}), ...Object.keys(j.devDependencies ?? {})]) };
  } catch {
    return undefined;
  }
}

function frameworkOf(command: string, pkg: PackageJson | undefined, ctx: RunCtx): Framework | undefined {
  for (const [f, re] of TOOLS) if (re.test(command)) return f;
  if (pkg) {
    for (const [f, dep] of DEPENDENCIES) if (pkg.deps.has(dep)) return f;
    return undefined;
  }
  for (const it of ctx.contextItems()) {
    for (const src of it.sources ?? []) {
      const name = src.slice(src.lastIndexOf('/') + 1);
      for (const [f, config] of CONFIGS) if (name.startsWith(config)) return f;
    }
  }
  return undefined;
}

/** next.config's `output`: 'standalone', 'export', none; undefined when no config could be read. */
function nextOutput(ctx: RunCtx, project: string): 'standalone' | 'export' | 'server' | undefined {
  for (const ext of ['js', 'mjs', 'ts', 'cjs']) {
    const text = contextFile(ctx, project, `next.config.${ext}`);
    if (text === undefined) continue;
    const m = /\boutput\s*:\s*['"`](standalone|export)['"`]/.exec(text.slice(0, 200_000));
    return m ? (m[1] as 'standalone' | 'export') : 'server';
  }
  return undefined;
}

function output(ctx: RunCtx, path: string, size: SizeRange, note: string, kind: 'artifact' | 'residue' = 'artifact', alternatives?: string[]): void {
  ctx.add({ path, size, kind, note, ...(alternatives ? { alternatives } : {}) });
}

/**
 * `npm run build` and the like in `project`: `script` names the package.json script (undefined for a
 * framework's CLI called directly, whose words are `command`).
 */
export function buildOutput(ctx: RunCtx, label: string, project: string, script: string | undefined, command = ''): void {
  if (script !== undefined && (!script || NOT_A_BUILD.test(script))) return;
  const pkg = packageJson(ctx, project);
  const text = script !== undefined ? pkg?.scripts[script] ?? '' : command;
  const at = (rel: string) => `${project === '/' ? '' : project}/${rel}`;
  const outDir = /--(?:out-?[dD]ir|output-path)[= ]+([A-Za-z0-9_./-]+)/.exec(text)?.[1];
  const framework = frameworkOf(text, pkg, ctx);
  if (framework === 'next') {
    const mode = /\bnext\s+export\b/.test(text) ? 'export' : nextOutput(ctx, project);
    output(ctx, at('.next/server'), r(12 * MB, 2 * MB, 60 * MB), `${label}: Next.js server build ≈ 12 MB`);
    output(ctx, at('.next/static'), BUNDLE, `${label}: Next.js static files ≈ 4 MB`);
    output(ctx, at('.next/cache'), r(30 * MB, 3 * MB, 200 * MB), `${label}: Next.js build cache ≈ 30 MB`, 'residue');
    // The traced server and the node_modules it needs; counted when next.config asks for it or could not be read.
    if (mode === 'standalone' || mode === undefined) output(ctx, at('.next/standalone'), r(35 * MB, mode ? 12 * MB : 0, 120 * MB), `${label}: Next.js standalone server ≈ 35 MB${mode ? '' : " (if next.config sets output: 'standalone'; not read)"}`);
    if (mode === 'export') output(ctx, at(outDir ?? 'out'), BUNDLE, `${label}: Next.js static export ≈ 4 MB`);
    return;
  }
  if (framework === 'nuxt') {
    output(ctx, at('.output'), r(15 * MB, 3 * MB, 80 * MB), `${label}: Nuxt output (server and public) ≈ 15 MB`);
    output(ctx, at('.nuxt'), r(5 * MB, 1 * MB, 30 * MB), `${label}: Nuxt build files ≈ 5 MB`, 'residue');
    return;
  }
  if (framework === 'gatsby') {
    output(ctx, at('public'), r(10 * MB, 1 * MB, 150 * MB), `${label}: Gatsby site (public) ≈ 10 MB`);
    output(ctx, at('.cache'), r(20 * MB, 2 * MB, 150 * MB), `${label}: Gatsby cache ≈ 20 MB`, 'residue');
    return;
  }
  if (framework === 'sveltekit') {
    output(ctx, at('.svelte-kit'), r(8 * MB, 1 * MB, 40 * MB), `${label}: SvelteKit build files (.svelte-kit) ≈ 8 MB`);
    output(ctx, at(outDir ?? 'build'), BUNDLE, `${label}: SvelteKit app (build) ≈ ${formatBytes(BUNDLE.bytes)}`);
    return;
  }
  const named = framework && BUILD_DIR_NAMES[framework];
  if (named) {
    output(ctx, at(outDir ?? 'build'), BUNDLE, `${label}: ${named} build ≈ ${formatBytes(BUNDLE.bytes)}`);
    return;
  }
  const where = outDir ?? 'dist';
  // Neither the script nor the dependencies say where: the output is at dist, or at the name a later COPY uses.
  const unsure = framework === undefined && !outDir && !/\b(vite|webpack|tsc|rollup|esbuild|parcel|astro|vue-cli-service)\b/.test(text);
  output(ctx, at(where), BUNDLE, `${label}: build output ≈ ${formatBytes(BUNDLE.bytes)}${unsure ? ` (${where} or ${CONVENTIONAL.join(', ')}: framework not known)` : ''}`, 'artifact', unsure ? CONVENTIONAL.map(at) : undefined);
}
