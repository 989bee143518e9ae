/**
 * HDBSCAN* (Campello, Moulavi & Sander, PAKDD 2013; Campello et al., ACM TKDD 10(1), 2015; the
 * "accelerated" formulation of McInnes, Healy & Astels, JOSS 2(11), 2017), with scikit-learn's
 * defaults as the thesis ran it (Table 5.3: min_samples = 5, min_cluster_size = 5, excess-of-mass
 * selection, no single all-points cluster):
 *  1. core distance of a point = Euclidean distance to its (minSamples − 1)-th nearest other point
 *     (scikit-learn counts the point itself among its min_samples neighbours);
 *  2. mutual reachability d_mr(a, b) = max(core(a), core(b), ‖a − b‖), and its minimum spanning tree
 *     (Prim, O(n²·p) time and O(n) memory: distances are recomputed, never stored);
 *  3. the single-linkage hierarchy of that tree, condensed: walking down from the root at λ = 1/d, a
 *     split where both sides have ≥ minClusterSize points makes two new clusters; a smaller side's
 *     points just leave the cluster at that λ;
 *  4. stability of a cluster = Σ over its points (λ at which the point left − λ at which the cluster
 *     was born); clusters are selected bottom-up by excess of mass (a cluster wins over its children
 *     when its stability exceeds theirs summed); the root is never selected;
 *  5. every point gets the selected cluster it belongs to, or −1 (noise) when none.
 * Written from the papers; no code copied. Labels are 0..clusters−1 in order of first appearance.
 */

export interface HdbscanOptions {
  /** Neighbourhood size of the core distance, the point included (default 5). */
  minSamples?: number;
  /** Smallest cluster (default 5). */
  minClusterSize?: number;
  signal?: AbortSignal;
}

export interface HdbscanResult {
  /** Cluster per point, −1 for noise. */
  labels: Int32Array;
  clusters: number;
  /** Share of points labelled noise. */
  noiseShare: number;
}

function distance(X: Float64Array, p: number, i: number, j: number): number {
  let s = 0;
  const oi = i * p;
  const oj = j * p;
  for (let t = 0; t < p; t++) {
    const u = X[oi + t] - X[oj + t];
    s += u * u;
  }
  return Math.sqrt(s);
}

/** Core distances: the (m)-th smallest distance to another point, m = minSamples − 1 (0 when m = 0). */
function coreDistances(X: Float64Array, p: number, m: number, signal?: AbortSignal): Float64Array {
  const n = X.length / p;
  const core = new Float64Array(n);
  if (m < 1) return core;
  const best = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    if (i % 64 === 0 && signal?.aborted) throw signal.reason ?? new Error('aborted');
    best.fill(Infinity);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = distance(X, p, i, j);
      if (d >= best[m - 1]) continue;
      let at = m - 1;
      while (at > 0 && d < best[at - 1]) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = d;
    }
    core[i] = best[m - 1];
  }
  return core;
}

/** Prim's minimum spanning tree of the mutual-reachability graph: edges (a, b, weight). */
function mutualReachabilityMst(
  X: Float64Array,
  p: number,
  core: Float64Array,
  signal?: AbortSignal,
): { a: Int32Array; b: Int32Array; w: Float64Array } {
  const n = core.length;
  const inTree = new Uint8Array(n);
  const dist = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n).fill(-1);
  const a = new Int32Array(n - 1);
  const b = new Int32Array(n - 1);
  const w = new Float64Array(n - 1);
  let cur = 0;
  inTree[0] = 1;
  for (let e = 0; e < n - 1; e++) {
    if (e % 64 === 0 && signal?.aborted) throw signal.reason ?? new Error('aborted');
    let next = -1;
    let nd = Infinity;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      const d = Math.max(core[cur], core[j], distance(X, p, cur, j));
      if (d < dist[j]) {
        dist[j] = d;
        from[j] = cur;
      }
      if (dist[j] < nd || next < 0) {
        nd = dist[j];
        next = j;
      }
    }
    a[e] = from[next];
    b[e] = next;
    w[e] = nd;
    inTree[next] = 1;
    cur = next;
  }
  return { a, b, w };
}

/** λ = 1/d, with duplicates (d = 0) at a huge but finite λ so stabilities stay numbers. */
const lambdaOf = (d: number) => 1 / Math.max(d, 1e-300);

export function hdbscan(X: Float64Array, p: number, opts: HdbscanOptions = {}): HdbscanResult {
  const n = X.length / p;
  const minSamples = opts.minSamples ?? 5;
  const mcs = opts.minClusterSize ?? 5;
  if (!Number.isInteger(minSamples) || minSamples < 1)
    throw new RangeError(`HDBSCAN: min_samples must be a whole number >= 1, got ${minSamples}`);
  if (!Number.isInteger(mcs) || mcs < 2)
    throw new RangeError(`HDBSCAN: min_cluster_size must be a whole number >= 2, got ${mcs}`);
  const labels = new Int32Array(n).fill(-1);
  if (n < 2 * mcs) return { labels, clusters: 0, noiseShare: n ? 1 : 0 };
  const core = coreDistances(X, p, Math.min(minSamples - 1, n - 1), opts.signal);
  const mst = mutualReachabilityMst(X, p, core, opts.signal);
  const { pointCluster, clusterParent, stability } = condensedTree(singleLinkageTree(mst, n), n, mcs);
  const chosen = excessOfMass(clusterParent, stability);
  const labelOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = chosen[pointCluster[i]] ?? -1;
    if (pointCluster[i] === 0 || c < 0) continue;
    if (!labelOf.has(c)) labelOf.set(c, labelOf.size);
    labels[i] = labelOf.get(c)!;
  }
  let noise = 0;
  for (let i = 0; i < n; i++) if (labels[i] < 0) noise++;
  return { labels, clusters: labelOf.size, noiseShare: noise / n };
}

/** The single-linkage tree: merge m (tree node n + m) joins `left[m]` and `right[m]` at distance `height[m]`; `size` counts each node's points. */
interface LinkageTree {
  left: Int32Array;
  right: Int32Array;
  height: Float64Array;
  size: Int32Array;
}

/** The single-linkage tree of the spanning tree: node ids 0..n−1 are points, n.. are merges in increasing distance. */
function singleLinkageTree(mst: { a: Int32Array; b: Int32Array; w: Float64Array }, n: number): LinkageTree {
  const order = Array.from({ length: n - 1 }, (_, i) => i).sort((x, y) => mst.w[x] - mst.w[y]);
  const uf = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const find = (x: number): number => {
    while (uf[x] !== x) {
      uf[x] = uf[uf[x]];
      x = uf[x];
    }
    return x;
  };
  const left = new Int32Array(n - 1);
  const right = new Int32Array(n - 1);
  const height = new Float64Array(n - 1);
  const size = new Int32Array(2 * n - 1).fill(1);
  order.forEach((e, m) => {
    const node = n + m;
    const ra = find(mst.a[e]);
    const rb = find(mst.b[e]);
    left[m] = ra;
    right[m] = rb;
    height[m] = mst.w[e];
    size[node] = size[ra] + size[rb];
    uf[ra] = node;
    uf[rb] = node;
  });
  return { left, right, height, size };
}

/**
 * The condensed tree: clusters 0 (root) .., each with its birth λ, parent cluster and stability, and
 * the cluster each point last belonged to. Walking down from the root, a split where both sides have
 * at least `mcs` points makes two new clusters; a smaller side's points leave the cluster.
 */
function condensedTree(
  tree: LinkageTree,
  n: number,
  mcs: number,
): { pointCluster: Int32Array; clusterParent: number[]; stability: number[] } {
  const { left, right, height, size } = tree;
  const root = 2 * n - 2;
  const birth: number[] = [0];
  const clusterParent: number[] = [-1];
  const stability: number[] = [0];
  /** The cluster each point last belonged to. */
  const pointCluster = new Int32Array(n);
  const leave = (node: number, cluster: number, lambda: number) => {
    const stack = [node];
    while (stack.length) {
      const x = stack.pop()!;
      if (x < n) {
        pointCluster[x] = cluster;
        stability[cluster] += lambda - birth[cluster];
      } else {
        stack.push(left[x - n], right[x - n]);
      }
    }
  };
  const work: [number, number][] = [[root, 0]]; // (tree node, cluster it belongs to)
  while (work.length) {
    const [node, cluster] = work.pop()!;
    // only merges are queued: a queued child always has >= minClusterSize >= 2 points
    const m = node - n;
    const lambda = lambdaOf(height[m]);
    const l = left[m];
    const r = right[m];
    const bigL = size[l] >= mcs;
    const bigR = size[r] >= mcs;
    if (bigL && bigR) {
      for (const child of [l, r]) {
        const id = birth.length;
        birth.push(lambda);
        clusterParent.push(cluster);
        stability.push(0);
        stability[cluster] += size[child] * (lambda - birth[cluster]);
        work.push([child, id]);
      }
    } else if (bigL || bigR) {
      const [stay, go] = bigL ? [l, r] : [r, l];
      leave(go, cluster, lambda);
      work.push([stay, cluster]);
    } else {
      leave(l, cluster, lambda);
      leave(r, cluster, lambda);
    }
  }
  return { pointCluster, clusterParent, stability };
}

/**
 * Excess-of-mass selection, children before parents (ids grow with depth); the root is never
 * selected. For each cluster: the selected cluster it lies in (its topmost selected ancestor, itself
 * included), or −1.
 */
function excessOfMass(clusterParent: number[], stability: number[]): Int32Array {
  const k = stability.length;
  const selected = new Uint8Array(k);
  const subtree = stability.slice();
  const childSum = new Float64Array(k);
  const hasChildren = new Uint8Array(k);
  for (let c = k - 1; c >= 1; c--) {
    if (!hasChildren[c] || stability[c] >= childSum[c]) {
      selected[c] = 1;
      subtree[c] = stability[c];
    } else subtree[c] = childSum[c];
    const par = clusterParent[c];
    childSum[par] += subtree[c];
    hasChildren[par] = 1;
  }
  // a selected cluster deselects every descendant: walk each cluster's ancestors
  const chosen = new Int32Array(k).fill(-1);
  for (let c = 1; c < k; c++) {
    let top = -1;
    for (let x = c; x > 0; x = clusterParent[x]) if (selected[x]) top = x;
    chosen[c] = top;
  }
  return chosen;
}
