// Node implementations of the estimator's I/O, one context index per build-context folder,
// rebuilt in the background when older than a few seconds. `onUpdate` fires when new sizes
// arrive, so the editor can refresh its lenses.
import * as path from 'node:path';
import type { SizeIO } from '../core/sizes/types';
import { ContextIndex } from './contextIndex';
import { DockerEngineSizes } from './dockerEngine';
import { RegistrySizes } from './registrySizes';

export interface SizeIOOptions {
  dockerEngineLookup: boolean;
  registryLookup: boolean;
  /** Engine and registry lookups only run in trusted workspaces. */
  trusted: boolean;
}

export class SizeIOProvider {
  private contexts = new Map<string, { index: ContextIndex; built: number; io?: SizeIO }>();
  private engine: DockerEngineSizes;
  private registry: RegistrySizes;

  constructor(private readonly onUpdate: () => void, private readonly maxAgeMs = 10_000) {
    this.engine = new DockerEngineSizes(() => this.lookupAnswered());
    this.registry = new RegistrySizes(() => this.lookupAnswered());
  }

  /**
   * The estimator caches per I/O object, so an engine or registry answer needs new ones to be
   * read (else it would show only once the context index is next rebuilt).
   */
  private lookupAnswered(): void {
    for (const entry of this.contexts.values()) entry.io = undefined;
    this.onUpdate();
  }

  /** The I/O for a Dockerfile whose build context is `contextDir`. Same object until the index changes. */
  ioFor(contextDir: string, dockerfile: string | undefined, options: SizeIOOptions): SizeIO {
    const key = path.resolve(contextDir);
    let entry = this.contexts.get(key);
    const stale = !entry || Date.now() - entry.built > this.maxAgeMs;
    if (!entry || (stale && entry.index.ready)) {
      const index = new ContextIndex(key, dockerfile);
      const next = { index, built: Date.now(), io: undefined as SizeIO | undefined };
      const previous = entry;
      this.contexts.set(key, previous ?? next);
      index.build().then(() => {
        this.contexts.set(key, next);
        this.onUpdate();
      }, () => undefined);
      entry = previous ?? next;
    }
    const engineOn = options.dockerEngineLookup && options.trusted;
    const registryOn = options.registryLookup && options.trusted;
    const flags = `${engineOn}|${registryOn}`;
    const current = entry;
    if (!current.io || (current.io as SizeIO & { flags?: string }).flags !== flags) {
      const index = current.index;
      const io: SizeIO & { flags?: string } = {
        contextSize: (sources) => index.size(sources),
        contextText: (p) => index.text(p),
        engineImage: engineOn ? (ref) => this.engine.get(ref) : undefined,
        registryImage: registryOn ? (ref) => this.registry.get(ref) : undefined,
        flags,
      };
      current.io = io;
    }
    return current.io;
  }
}
