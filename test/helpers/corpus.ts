// The real-world Dockerfiles of ../shared/corpus and ../shared/corpus-real (copied byte for byte
// into test/fixtures/corpus and test/fixtures/corpus-real).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = join(__dirname, '..', 'fixtures', 'corpus');

export function corpusFiles(): { name: string; text: string }[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS_DIR, name), 'utf8') }));
}

/** ../shared/corpus-real (303 real Dockerfiles with BuildKit's own answers), copied into test/fixtures/corpus-real. */
export const CORPUS_REAL_DIR = join(__dirname, '..', 'fixtures', 'corpus-real');

export function corpusRealFiles(): { name: string; text: string }[] {
  const dir = join(CORPUS_REAL_DIR, 'files');
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

export function corpusRealFile(name: string): string {
  return readFileSync(join(CORPUS_REAL_DIR, 'files', name), 'utf8');
}
