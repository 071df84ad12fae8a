// What a stage hands to the stages built on it (BuildKit's dispatchState.init): its environment
// (ENV, and ARGs with a value), the ARG names declared, and whether SHELL or an absolute WORKDIR
// was set. `key` identifies a flow cheaply, for the per-stage caches.

export interface Flow {
  env: Map<string, string>;
  args: Set<string>;
  shell: boolean;
  workdir: boolean;
  key: string;
}

/** An image's environment as BuildKit's lint sees it: the resolver returns an empty config, and PATH is always set. */
export const IMAGE_FLOW: Flow = finish({ env: new Map([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']]), args: new Set(), shell: false, workdir: false, key: '' });

/** A flow to change, starting from `from` (copied only when the stage sets something). */
export function startFlow(from: Flow): Flow {
  return { env: from.env, args: from.args, shell: from.shell, workdir: from.workdir, key: '' };
}

/** Makes the flow's maps its own before the first change. */
export function own(flow: Flow, from: Flow): void {
  if (flow.env === from.env) flow.env = new Map(from.env);
  if (flow.args === from.args) flow.args = new Set(from.args);
}

export function finish(flow: Flow): Flow {
  const env = [...flow.env].map(([k, v]) => `${k}=${v}`).join('\0');
  flow.key = `${env}\u0001${[...flow.args].join('\0')}\u0001${flow.shell ? 1 : 0}${flow.workdir ? 1 : 0}`;
  return flow;
}
