// Times the extension's activation in a fresh Node process: require dist/extension.js against a
// `vscode` stub, call activate() and wait until it resolves (activate awaits the language client's
// start, which forks dist/server.js over stdio and completes the initialize handshake). Prints one
// JSON line: {requireMs, activateMs, totalMs, missing}. Run by bench.ts once per sample.
//
// Why a stub and not a real VS Code: no desktop VS Code can be had here, and code-server's own
// start-up (seconds) would drown the extension's share. The stub costs nothing, so what is timed is
// what the extension itself adds to the editor: loading the bundle, creating the client, starting
// the server and the handshake.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '..');
const stub = require('./vscode-stub.cjs');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return stub;
  return load.call(this, request, parent, isMain);
};

const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()], setKeysForSync() {} }; };
const context = {
  subscriptions: [],
  extensionPath: root,
  extensionUri: stub.Uri.file(root),
  asAbsolutePath: (p) => path.join(root, p),
  globalState: memento(),
  workspaceState: memento(),
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
  storageUri: undefined,
  globalStorageUri: stub.Uri.file(path.join(root, '.cache', 'bench-global')),
  logUri: stub.Uri.file(path.join(root, '.cache', 'bench-log')),
  extensionMode: 1,
  extension: { id: 'dockerfile-stages.dockerfile-stages', packageJSON: require(path.join(root, 'package.json')), extensionPath: root },
  environmentVariableCollection: { replace() {}, append() {}, prepend() {}, get() {}, forEach() {}, delete() {}, clear() {} },
};

(async () => {
  const t0 = performance.now();
  const extension = require(path.join(root, 'dist', 'extension.js'));
  const t1 = performance.now();
  await extension.activate(context);
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, missing: [...stub.__missing], errors: stub.__errors }) + '\n');
  const stop = extension.deactivate ? extension.deactivate() : undefined;
  await Promise.race([stop, new Promise((r) => setTimeout(r, 2000))]);
  for (const d of context.subscriptions) try { d.dispose(); } catch { /* best effort */ }
  process.exit(0);
})().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e && e.stack || e) }) + '\n');
  process.exit(1);
});
