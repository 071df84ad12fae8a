// Real sizes of images present in the local Docker engine: `docker image inspect` through
// execFile (arguments, never a shell string), cached, only when the user enabled it and the
// workspace is trusted. Lookups are asynchronous; the estimator reads the cache and never waits.
// DOCKERFILE_STAGES_DOCKER names another program (a docker not on the editor's PATH; the
// end-to-end tests' stand-in, since VS Code's extension host rebuilds PATH from the login shell).
import { execFile } from 'node:child_process';

export class DockerEngineSizes {
  private cache = new Map<string, { bytes: number; date?: string } | null>();
  private pending = new Set<string>();

  constructor(private readonly onUpdate: () => void, private readonly docker = process.env.DOCKERFILE_STAGES_DOCKER || 'docker') {}

  get(ref: string): { bytes: number; date?: string } | undefined {
    const hit = this.cache.get(ref);
    if (hit !== undefined) return hit ?? undefined;
    if (!this.pending.has(ref) && /^[A-Za-z0-9][A-Za-z0-9._\/:@-]*$/.test(ref)) {
      this.pending.add(ref);
      execFile(this.docker, ['image', 'inspect', '--format', '{{.Size}} {{.Created}}', '--', ref], { timeout: 4000 }, (err, stdout) => {
        this.pending.delete(ref);
        const [size, created] = String(stdout ?? '').trim().split(' ');
        const bytes = Number(size);
        this.cache.set(ref, !err && bytes > 0 ? { bytes, date: created?.slice(0, 10) } : null);
        if (!err && bytes > 0) this.onUpdate();
      });
    }
    return undefined;
  }
}
