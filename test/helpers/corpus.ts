// The real-world Dockerfiles of ../shared/corpus (copied byte for byte into test/fixtures/corpus).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = join(__dirname, '..', 'fixtures', 'corpus');

export function corpusFiles(): { name: string; text: string }[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.Dockerfile'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS_DIR, name), 'utf8') }));
}
