/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function or one package, as a share of all samples. */
export interface CostCentre {
  name: string;
  share: number;
  ms: number;
}

/** `node_modules/<pkg>/…` → `<pkg>`; our own code by folder; Node's internals as `node:internal`. */
export function packageOf(url: string): string {
  if (url === '') return '(native / V8)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  const ours = /\/(dist|src)\/(.+)\/[^/]+$/.exec(url);
  if (ours) return `shopvoice ${ours[2]}`;
  return url;
}

/**
 * Sums self time per function and per package. `(idle)` and `(program)` are left out of the
 * shares' base (they are the time the server had nothing to do), `(garbage collector)` stays in.
 * Samples within the first `skipMs` of the profile (the process's start-up and warm-up) are left out.
 */
export function summarize(profile: CpuProfile, top = 25, skipMs = 0): { functions: CostCentre[]; inclusive: CostCentre[]; packages: CostCentre[]; busyMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const short = url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(dist|src)\//, '$1/');
    return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
  };
  const fn = new Map<string, number>();
  const total = new Map<string, number>();
  const pkg = new Map<string, number>();
  let busy = 0;
  let elapsedMs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    elapsedMs += dt;
    if (!node || elapsedMs < skipMs) return;
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') return;
    busy += dt;
    const key = keyOf(id);
    fn.set(key, (fn.get(key) ?? 0) + dt);
    // Inclusive time: every distinct function on the sample's stack (recursion counted once).
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(keyOf(at));
    for (const k of onStack) total.set(k, (total.get(k) ?? 0) + dt);
    const p = functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(url);
    pkg.set(p, (pkg.get(p) ?? 0) + dt);
  });
  const rank = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms, share: ms / busy }));
  return { functions: rank(fn), inclusive: rank(total), packages: rank(pkg), busyMs: busy };
}
