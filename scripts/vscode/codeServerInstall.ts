// Installs code-server from npm without building its `kerberos` module, so no Kerberos headers
// (libkrb5-dev) are needed. code-server's postinstall.sh runs `npm install --omit=dev` in
// lib/vscode and lib/vscode/extensions; lib/vscode depends on kerberos, whose install script
// compiles against gssapi.h. VS Code uses it only to answer a proxy that asks for Kerberos
// (Negotiate) authentication, through `await import('kerberos')` inside a try/catch that logs one
// debug line when it fails. So these are the postinstall's steps, with every install script that
// code-server approves (its `allowScripts`) run except kerberos's: the package is present but
// unbuilt, and only a Kerberos-authenticating proxy would notice.
import { existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { npm, NPM_QUIET, type NpmOptions } from './npm';

const SKIPPED = 'kerberos';

/** Install-script packages of a folder's lockfile, as `npm rebuild` names them (argon2 at the top level). */
function withInstallScripts(dir: string, except: string): string[] {
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules', '.package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, p]) => p.hasInstallScript && path.startsWith('node_modules/'))
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
    .filter((name) => name !== except);
}

/** The packages whose install scripts lib/vscode's package.json approves, kerberos left out. */
function approvedScripts(vscodeDir: string): string[] {
  const { allowScripts = {} } = JSON.parse(readFileSync(join(vscodeDir, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
  const names = Object.entries(allowScripts).filter(([, allowed]) => allowed).map(([spec]) => spec.replace(/(.)@.*$/, '$1'));
  return names.filter((name) => name !== SKIPPED && existsSync(join(vscodeDir, 'node_modules', name)));
}

/** postinstall.sh's symlink_bin_script on Linux: `ln -s <name>-linux.sh` in place of the file shipped. */
function linkLinuxScript(dir: string, source: string, dest: string): void {
  rmSync(join(dir, dest), { force: true });
  symlinkSync(source, join(dir, dest));
}

/** Installs code-server@version into `dir` (an empty folder with a package.json) with `options.node`. */
export async function installCodeServer(dir: string, version: string, options: NpmOptions): Promise<void> {
  await npm(dir, ['install', ...NPM_QUIET, '--no-save', '--ignore-scripts', `code-server@${version}`], options);
  const ownScripts = withInstallScripts(dir, 'code-server');
  if (ownScripts.length) await npm(dir, ['rebuild', '--loglevel=error', ...ownScripts], options);
  const vscode = join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  await npm(vscode, ['install', ...NPM_QUIET, '--omit=dev', '--ignore-scripts'], options);
  await npm(vscode, ['rebuild', '--loglevel=error', ...approvedScripts(vscode)], options);
  linkLinuxScript(join(vscode, 'bin', 'remote-cli'), 'code-linux.sh', 'code-server');
  linkLinuxScript(join(vscode, 'bin', 'helpers'), 'browser-linux.sh', 'browser.sh');
  // Its own postinstall lists every file it trims from the bundled TypeScript: not progress.
  await npm(join(vscode, 'extensions'), ['install', ...NPM_QUIET, '--omit=dev'], { ...options, quiet: true });
}
