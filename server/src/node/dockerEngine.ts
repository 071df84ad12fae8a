// Real sizes and platforms of images present in the local Docker engine: `docker image inspect`
// through execFile (arguments, never a shell string), cached, only when the user enabled it and the
// workspace is trusted. Lookups are asynchronous; the estimator reads the cache and never waits.
// DOCKERFILE_STAGES_DOCKER names another program (a docker not on the editor's PATH; the
// end-to-end tests' stand-in, since VS Code's extension host rebuilds PATH from the login shell).
import { execFile } from 'node:child_process';

export interface EngineImage {
  bytes: number;
  date?: string;
  /** `os/arch[/variant]` of the local image. */
  platform?: string;
}

const FORMAT = '{{.Size}} {{.Created}} {{.Os}}/{{.Architecture}}/{{.Variant}}';

export class DockerEngineSizes {
  private cache = new Map<string, EngineImage | null>();
  private pending = new Map<string, Promise<void>>();

  constructor(private readonly onUpdate: () => void, private readonly docker = process.env.DOCKERFILE_STAGES_DOCKER || 'docker') {}

  /** The answer once docker has answered (the CLI waits; the editor reads get). */
  async answer(ref: string): Promise<EngineImage | undefined> {
    this.get(ref);
    await this.pending.get(ref);
    return this.cache.get(ref) ?? undefined;
  }

  get(ref: string): EngineImage | undefined {
    const hit = this.cache.get(ref);
    if (hit !== undefined) return hit ?? undefined;
    if (!this.pending.has(ref) && /^[A-Za-z0-9][A-Za-z0-9._\/:@-]*$/.test(ref)) {
      const asked = new Promise<void>((done) => {
        execFile(this.docker, ['image', 'inspect', '--format', FORMAT, '--', ref], { timeout: 4000 }, (err, stdout) => {
          this.pending.delete(ref);
          const found = err ? null : engineImageOf(String(stdout ?? ''));
          this.cache.set(ref, found);
          if (found) this.onUpdate();
          done();
        });
      });
      this.pending.set(ref, asked);
    }
    return undefined;
  }
}

/** `docker image inspect --format FORMAT` output -> what the estimator and the checks read. */
export function engineImageOf(stdout: string): EngineImage | null {
  const [size, created, platform] = stdout.trim().split(' ');
  const bytes = Number(size);
  if (!(bytes > 0)) return null;
  const [os, arch, variant] = (platform ?? '').split('/');
  const known = os && arch && !os.startsWith('<') && !arch.startsWith('<');
  return { bytes, date: created?.slice(0, 10), ...(known ? { platform: [os, arch, variant?.startsWith('<') ? '' : variant].filter(Boolean).join('/') } : {}) };
}
