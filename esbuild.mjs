// Bundles the three entry points: the VS Code client, the standalone language server and the CLI.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';

const watch = process.argv.includes('--watch');
// jsonc-parser's UMD entry loads its parts with a dynamic require that bundles miss: use its ES module build.
// web-tree-sitter's ES module build finds its files through import.meta.url, which a CommonJS bundle lacks: use its CommonJS build.
const alias = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js', 'web-tree-sitter': resolve('node_modules/web-tree-sitter/tree-sitter.cjs') };
// The data tables (data/*.json, shipped beside dist/) are read at run time, not inlined: inlined they
// were 150 KB of each of the server and CLI bundles.
const dataBesideDist = {
  name: 'data-beside-dist',
  setup(build) {
    build.onResolve({ filter: /[\\/]data[\\/][^\\/]+\.json$/ }, (args) => ({ path: `../data/${basename(args.path)}`, external: true }));
  },
};
const common = { alias, plugins: [dataBesideDist], bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, minify: !watch, logLevel: 'warning' };
const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // dist/server.js is the launcher that reads and runs dist/server-main.js (see server/src/launcher.ts).
  { ...common, entryPoints: ['server/src/launcher.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-main.js' },
  { ...common, entryPoints: ['server/src/general/worker.ts'], outfile: 'dist/general-worker.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
// tree-sitter and its bash grammar, loaded at run time by server/src/node/shellParser.ts.
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm');
copyFileSync('node_modules/tree-sitter-bash/tree-sitter-bash.wasm', 'dist/tree-sitter-bash.wasm');
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
