/**
 * In-process notice of committed loads: an import or seed in this process tells every version
 * watch of the process (the response cache's) before it returns, so the next answer is fresh.
 * Other processes learn of loads through Redis or their poll (see DatasetVersionWatch).
 */
export type DatasetChangeListener = (datasets: readonly string[]) => Promise<void>;

const listeners = new Set<DatasetChangeListener>();

/** Registers a listener; returns the function that removes it. */
export function onDatasetsChanged(listener: DatasetChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called after a load commits; waits for every listener (their failures are theirs). */
export async function datasetsChanged(datasets: readonly string[]): Promise<void> {
  if (datasets.length === 0) return;
  await Promise.all([...listeners].map((listener) => listener(datasets).catch(() => undefined)));
}
