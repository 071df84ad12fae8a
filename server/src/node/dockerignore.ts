// The .dockerignore of a Dockerfile's build context (`<Dockerfile>.dockerignore` first, as BuildKit
// does, else `.dockerignore` beside it) as a matcher for the CopyIgnoredFile check, read only when
// that experimental check is on.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import dockerignore from '@balena/dockerignore';
import type { IgnoredPath } from '../core/features/checks/copyIgnored';

export function dockerignoreFor(dockerfile: string): IgnoredPath | undefined {
  for (const file of [`${dockerfile}.dockerignore`, path.join(path.dirname(dockerfile), '.dockerignore')]) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const ignore = dockerignore({ ignorecase: false }).add(text);
    return (p) => {
      try {
        return ignore.ignores(p);
      } catch {
        return false;
      }
    };
  }
  return undefined;
}
