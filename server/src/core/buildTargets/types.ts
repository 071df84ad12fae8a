// What Compose and Bake files say about builds: for each service (Compose) or target block (Bake),
// where its Dockerfile is and which stage it builds, with the ranges of the values as written.
import type { Range } from '../model/types';

/** A string value in a build file; `range` covers the value inside its quotes. */
export interface StringValue {
  value: string;
  range: Range;
}

export interface BuildSite {
  /** Service name (Compose) or target name (Bake). */
  name: string;
  nameRange: Range;
  /** Build context as written (Compose `build.context` or the short `build: DIR`; Bake `context`). */
  context?: StringValue;
  /** Dockerfile path as written, relative to the context. */
  dockerfile?: StringValue;
  /** The stage to build (`build.target` / `target`). */
  target?: StringValue;
  /**
   * Where a target value can be typed although none is written yet: `target:` / `target =` with no
   * value. Completion offers stages here.
   */
  emptyTarget?: Range;
  /** The Dockerfile is inline (`dockerfile_inline` / `dockerfile-inline`): nothing on disk to look at. */
  inline?: boolean;
  /** Bake `inherits`: targets whose attributes this one starts from, in order. */
  inherits?: string[];
}

export type BuildFileKind = 'compose' | 'bake-hcl' | 'bake-json';
