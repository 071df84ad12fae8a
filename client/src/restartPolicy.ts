// When the language server dies: restart it, unless it died too often lately (then a restart
// would only loop). Pure, so it is tested without VS Code.

export interface RestartPolicy {
  /** Records a crash at `now` (ms) and says whether to restart. */
  onCrash(now: number): 'restart' | 'give-up';
  reset(): void;
}

export function restartPolicy(maxCrashes = 5, windowMs = 3 * 60_000): RestartPolicy {
  let crashes: number[] = [];
  return {
    onCrash(now) {
      crashes = crashes.filter((t) => now - t < windowMs);
      crashes.push(now);
      return crashes.length > maxCrashes ? 'give-up' : 'restart';
    },
    reset() {
      crashes = [];
    },
  };
}
