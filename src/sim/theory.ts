/**
 * Closed-form queueing theory for textbook topologies: the ground truth the
 * engine is tested against, and the predictions the results panel shows
 * beside simulated values. Rates are per millisecond, times in milliseconds.
 */

/** M/M/1: Poisson arrivals (rate λ), one server, exponential service (rate μ). */
export function mm1(lambda: number, mu: number) {
  const rho = lambda / mu;
  return {
    utilization: rho,
    /** Mean response time (wait + service), 1/(μ − λ). */
    meanResponse: 1 / (mu - lambda),
    /** Response time is exponential with rate μ − λ: the q-quantile is −ln(1 − q)/(μ − λ). */
    responseQuantile: (q: number) => -Math.log(1 - q) / (mu - lambda),
    /** Mean number waiting (not in service), Lq = ρ²/(1 − ρ). */
    meanQueueLength: (rho * rho) / (1 - rho),
    meanWait: rho / (mu - lambda),
  };
}

/** Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
export function erlangC(c: number, a: number): number {
  // Summed iteratively (Erlang B recursion) to stay stable for large c.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho + rho * b);
}

/** M/M/c. */
export function mmc(lambda: number, mu: number, c: number) {
  const a = lambda / mu;
  const pWait = erlangC(c, a);
  const meanWait = pWait / (c * mu - lambda);
  return {
    utilization: a / c,
    probabilityOfWaiting: pWait,
    meanWait,
    meanResponse: meanWait + 1 / mu,
    /** Lq = λ·Wq (Little's law). */
    meanQueueLength: lambda * meanWait,
    /** P(W > t) = C · e^{−(cμ − λ)t}. */
    waitQuantile: (q: number) => (q <= 1 - pWait ? 0 : Math.log(pWait / (1 - q)) / (c * mu - lambda)),
  };
}

/** M/G/1 by Pollaczek–Khinchine: mean wait λ·E[S²] / (2(1 − ρ)). */
export function mg1(lambda: number, meanService: number, secondMomentService: number) {
  const rho = lambda * meanService;
  const meanWait = (lambda * secondMomentService) / (2 * (1 - rho));
  return {
    utilization: rho,
    meanWait,
    meanResponse: meanWait + meanService,
    meanQueueLength: lambda * meanWait,
  };
}

/** M/M/1/K (K = capacity of the whole system, in service plus waiting): blocking probability and throughput. */
export function mm1k(lambda: number, mu: number, k: number) {
  const rho = lambda / mu;
  const pBlock = rho === 1 ? 1 / (k + 1) : ((1 - rho) * Math.pow(rho, k)) / (1 - Math.pow(rho, k + 1));
  let meanInSystem = 0;
  let norm = 0;
  for (let n = 0; n <= k; n++) {
    const p = Math.pow(rho, n);
    norm += p;
    meanInSystem += n * p;
  }
  meanInSystem /= norm;
  const throughput = lambda * (1 - pBlock);
  return {
    blockingProbability: pBlock,
    throughput,
    utilization: throughput / mu,
    /** Little's law on the admitted requests. */
    meanResponse: meanInSystem / throughput,
  };
}

/**
 * Fork-join with n parallel branches, each exponential with rate μ and no
 * queueing: a request waits for the slowest, so P(T ≤ t) = (1 − e^{−μt})^n
 * and the p-quantile is −ln(1 − p^{1/n})/μ.
 */
export function forkJoinQuantile(n: number, mu: number, p: number): number {
  return -Math.log(1 - Math.pow(p, 1 / n)) / mu;
}

/** Tail at scale: the share of requests that hit at least one slow leaf when each of n is slow with probability q. */
export function slowShare(n: number, q: number): number {
  return 1 - Math.pow(1 - q, n);
}

/**
 * GI/M/1 with Erlang-k interarrival times (each stage of rate kλ, so mean
 * 1/λ): what each of k round-robin backends sees of a Poisson stream of rate
 * kλ. σ solves σ = A*(μ(1 − σ)) with A*(s) = (kλ/(kλ + s))^k; the mean wait
 * is σ/(μ(1 − σ)).
 */
export function ekm1(lambda: number, mu: number, k: number) {
  const stage = k * lambda;
  let sigma = lambda / mu;
  for (let i = 0; i < 10_000; i++) {
    const next = Math.pow(stage / (stage + mu * (1 - sigma)), k);
    if (Math.abs(next - sigma) < 1e-15) {
      sigma = next;
      break;
    }
    sigma = next;
  }
  const meanWait = sigma / (mu * (1 - sigma));
  return { sigma, meanWait, meanResponse: meanWait + 1 / mu, utilization: lambda / mu };
}

// ---------------------------------------------------------------------------
// Caches and derived data (SCENARIO.md, "Keys, versions and derived data").

/**
 * A TTL cache that writes never touch: an entry filled at a miss serves for T,
 * and a key is written at the database as a Poisson process of rate w. A hit
 * u after the fill (u uniform over the TTL, for Poisson reads) is stale when
 * a write came in between: P = 1 − e^{−wu}, so a hit is stale with
 * probability 1 − (1 − e^{−wT})/(wT).
 */
export function ttlStaleHitProbability(writesPerMsPerKey: number, ttlMs: number): number {
  const x = writesPerMsPerKey * ttlMs;
  return x === 0 ? 0 : 1 - -Math.expm1(-x) / x;
}

/** A TTL cache under Poisson reads of rate r per key, no writes: each miss starts T of hits, so the hit ratio is rT/(1 + rT). */
export function ttlHitRatio(readsPerMsPerKey: number, ttlMs: number): number {
  const x = readsPerMsPerKey * ttlMs;
  return x / (1 + x);
}

/**
 * Che's approximation for an LRU cache of C entries under independent
 * requests with popularities p_k: the characteristic time t_C solves
 * Σ_k (1 − e^{−p_k t_C}) = C, and the hit ratio is Σ_k p_k (1 − e^{−p_k t_C})
 * (Che, Tung & Wang 2002; Fricker, Robert & Roberts 2012). Exact, C/N, for
 * uniform popularities.
 */
export function cheLruHitRatio(popularity: ArrayLike<number>, capacity: number): number {
  const n = popularity.length;
  if (capacity >= n) return 1;
  const filled = (t: number) => {
    let s = 0;
    for (let k = 0; k < n; k++) s -= Math.expm1(-popularity[k] * t);
    return s;
  };
  let lo = 0;
  let hi = 1;
  while (filled(hi) < capacity) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (filled(mid) < capacity) lo = mid;
    else hi = mid;
  }
  const t = (lo + hi) / 2;
  let hit = 0;
  for (let k = 0; k < n; k++) hit -= popularity[k] * Math.expm1(-popularity[k] * t);
  return hit;
}

/** Zipf popularities of `count` keys, key k (0-based) in proportion to 1/(k + 1)^s, as keys.ts draws them. */
export function zipfPopularity(count: number, s: number): Float64Array {
  const p = new Float64Array(count);
  let sum = 0;
  for (let k = 0; k < count; k++) sum += p[k] = Math.pow(k + 1, -s);
  for (let k = 0; k < count; k++) p[k] /= sum;
  return p;
}
