// Node implementations of the estimator's I/O, one context index per build-context folder,
// rebuilt in the background when older than a few seconds. `onUpdate` fires when new sizes
// arrive (a rebuild that finds the same files changes nothing), so the editor can refresh its lenses.
// The engine, registry and network lookups run only when enabled and the workspace is trusted;
// their answers move the lookup generation on, which redoes only the layouts that read them.
import * as path from 'node:path';
import type { SizeIO } from '../core/sizes/types';
import { ContextIndex, contextReads } from './contextIndex';
import { DockerEngineSizes } from './dockerEngine';
import { OnlineLookups, type OnlineOptions } from './online/lookups';
import { RegistrySizes } from './registrySizes';

export interface SizeIOOptions {
  dockerEngineLookup: boolean;
  registryLookup: boolean;
  packageIndexLookup?: boolean;
  downloadLookup?: boolean;
  /** Engine, registry and network lookups only run in trusted workspaces. */
  trusted: boolean;
}

interface ContextEntry {
  index: ContextIndex;
  built: number;
  /** The I/O handed out, and the lookups it was made with (a bit each: engine, registry, package index, download). */
  io?: SizeIO;
  lookups?: number;
}

export class SizeIOProvider {
  private contexts = new Map<string, ContextEntry>();
  private engine: DockerEngineSizes;
  private registry: RegistrySizes;
  private online: OnlineLookups | undefined;
  private generation = 0;
  private updateTimer: NodeJS.Timeout | undefined;

  constructor(private readonly onUpdate: () => void, private readonly maxAgeMs = 10_000, private readonly onlineOptions: () => OnlineOptions = () => ({})) {
    this.engine = new DockerEngineSizes(() => this.lookupAnswered());
    this.registry = new RegistrySizes(() => this.lookupAnswered());
  }

  /**
   * An answer landed: estimates are checked again (the I/O objects stay, so what did not read the
   * answer is reused); answers landing together refresh the lenses once.
   */
  private lookupAnswered(): void {
    this.generation++;
    if (this.updateTimer) return;
    this.updateTimer = setTimeout(() => {
      this.updateTimer = undefined;
      this.onUpdate();
    }, 30);
  }

  /** The network lookups, made when first enabled. */
  lookups(): OnlineLookups {
    return (this.online ??= new OnlineLookups(() => this.lookupAnswered(), this.onlineOptions()));
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
    const trusted = options.trusted;
    const engineOn = options.dockerEngineLookup && trusted;
    const registryOn = options.registryLookup && trusted;
    const indexOn = !!options.packageIndexLookup && trusted;
    const downloadOn = !!options.downloadLookup && trusted;
    const lookups = (engineOn ? 1 : 0) | (registryOn ? 2 : 0) | (indexOn ? 4 : 0) | (downloadOn ? 8 : 0);
    const current = entry;
    if (!current.io || current.lookups !== lookups) {
      const index = current.index;
      const online = indexOn || downloadOn ? this.lookups() : undefined;
      current.io = {
        ...contextReads(index),
        dockerignore: () => (index.ready ? index.ignoreFile : undefined),
        engineImage: engineOn ? (ref) => this.engine.get(ref) : undefined,
        registryImage: registryOn ? (ref) => this.registry.get(ref) : undefined,
        packageIndex: indexOn ? (s) => online!.packageIndex(s) : undefined,
        remoteSize: downloadOn ? (url) => online!.remoteSize(url) : undefined,
        lookupGeneration: () => this.generation,
      };
      current.lookups = lookups;
    }
    return current.io;
  }
}
