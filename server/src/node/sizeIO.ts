// Node implementations of the estimator's I/O, one context index per build-context folder,
// rebuilt in the background when older than a few seconds. `onUpdate` fires when new sizes
// arrive (a rebuild that finds the same files changes nothing), so the editor can refresh its lenses.
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

interface ContextEntry {
  index: ContextIndex;
  built: number;
  /** The I/O handed out, and the lookups it was made with. */
  io?: SizeIO;
  engineOn?: boolean;
  registryOn?: boolean;
}

export class SizeIOProvider {
  private contexts = new Map<string, ContextEntry>();
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

  /** The last index build started (for tests). */
  indexing: Promise<void> = Promise.resolve();

  /** The I/O for a Dockerfile whose build context is `contextDir`. Same object until the context's files change. */
  ioFor(contextDir: string, dockerfile: string | undefined, options: SizeIOOptions): SizeIO {
    const key = this.contexts.has(contextDir) ? contextDir : path.resolve(contextDir);
    let entry = this.contexts.get(key);
    const stale = !entry || Date.now() - entry.built > this.maxAgeMs;
    if (!entry || (stale && entry.index.ready)) {
      const index = new ContextIndex(key, dockerfile);
      const next: ContextEntry = { index, built: Date.now() };
      const previous = entry;
      this.contexts.set(key, previous ?? next);
      this.indexing = index.build().then(() => {
        // Nothing changed on disk: keep the I/O object, so that sizes cached with it stay valid and
        // the editor is not asked to refresh every lens.
        if (previous?.index.ready && previous.index.sameContent(index)) {
          previous.built = next.built;
          return;
        }
        // A new I/O object: what was estimated with the one handed out while indexing (context not read) is not reused.
        next.io = undefined;
        this.contexts.set(key, next);
        this.onUpdate();
      }, () => undefined);
      entry = previous ?? next;
    }
    const engineOn = options.dockerEngineLookup && options.trusted;
    const registryOn = options.registryLookup && options.trusted;
    const current = entry;
    if (!current.io || current.engineOn !== engineOn || current.registryOn !== registryOn) {
      const index = current.index;
      current.io = {
        contextSize: (sources) => index.size(sources),
        contextText: (p) => index.text(p),
        dockerignore: () => (index.ready ? index.ignoreFile : undefined),
        engineImage: engineOn ? (ref) => this.engine.get(ref) : undefined,
        registryImage: registryOn ? (ref) => this.registry.get(ref) : undefined,
      };
      current.engineOn = engineOn;
      current.registryOn = registryOn;
    }
    return current.io;
  }
}
