// Builds dist/dockerfile-stages.vsix (npm run package) and returns its path.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './tools';

export const VSIX = join(ROOT, 'dist', 'dockerfile-stages.vsix');

export function packageExtension(): string {
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(VSIX)) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  return VSIX;
}
