// The real-Dockerfile size data set (test/fixtures/sizes-real, see its README.md): header parsing
// and the split rule, shared by the accuracy harness (bench/sizeAccuracy.ts) and its data test.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './fixtures';

export const REAL_DIR = join(FIXTURES, 'sizes-real');

/** Image families held out for an independent check (issue 22): never in this data set. */
export const HELD_OUT = ['httpd', 'bash', 'erlang', 'eclipse-temurin', 'tomcat', 'mongo', 'rabbitmq', 'julia', 'postgres', 'ruby', 'mariadb', 'mysql', 'nginx'];

/** Families (and example sources) of test/fixtures/sizes, which the estimator was tuned on. */
export const TUNED = [
  'redis', 'memcached', 'haproxy', 'php', 'python', 'node', 'golang', 'rust', 'gcc', 'buildpack-deps', 'debian',
  'example:jpetazzo.github.io', 'example:docs.docker.com', 'example:tonym.us', 'example:github.com/tbillington', 'example:franco-martin.medium.com',
];

export const REQUIRED = ['size-real', 'size-source', 'dockerfile-source', 'size-family', 'size-kind', 'size-split', 'size-match'] as const;

export type Split = 'calibration' | 'validation';

/** Tuned families calibrate; any other goes to validation when the first hex digit of sha256(family) is 0-9. */
export function splitFor(family: string): Split {
  if (TUNED.includes(family)) return 'calibration';
  return /^[0-9]/.test(createHash('sha256').update(family).digest('hex')) ? 'validation' : 'calibration';
}

export function headers(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^#\s*([a-z-]+):\s*(.*)$/.exec(line);
    if (m && !out.has(m[1])) out.set(m[1], m[2].trim());
  }
  return out;
}

export interface RealEntry {
  file: string;
  text: string;
  head: Map<string, string>;
}

/** Folder of the published build context a file names with `# size-context: <folder>`, if any. */
export function realContextDir(e: RealEntry): string | undefined {
  const folder = e.head.get('size-context');
  return folder ? join(REAL_DIR, 'context', folder) : undefined;
}

export function realEntries(): RealEntry[] {
  return readdirSync(REAL_DIR)
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(REAL_DIR, file), 'utf8');
      return { file, text, head: headers(text) };
    });
}
