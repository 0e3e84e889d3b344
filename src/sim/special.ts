/**
 * Special functions and summation helpers for exact population statistics
 * and queueing-theory predictions. Pure math, no dependencies.
 */

const SQRT_PI = Math.sqrt(Math.PI);

/** erfc(x) to ~1e-15 relative: Maclaurin series of erf near 0, Lentz's continued fraction beyond. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 1.5) {
    // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / SQRT_PI) * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

/** P(Z > z) for a standard normal Z, accurate in the far tails. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** P(Z ≤ z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** P(Z ≤ b) − P(Z ≤ a) for a ≤ b, computed on whichever side avoids cancellation. */
export function normalInterval(a: number, b: number): number {
  if (a >= 0) return normalUpperTail(a) - normalUpperTail(b);
  if (b <= 0) return normalCdf(b) - normalCdf(a);
  return 1 - normalUpperTail(b) - normalCdf(a);
}

// 8-point Gauss–Legendre nodes and weights on [−1, 1].
const GL_X = [
  -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498,
  0.525532409916329, 0.7966664774136267, 0.9602898564975363,
];
const GL_W = [
  0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362,
  0.3137066458778873, 0.2223810344533745, 0.1012285362903763,
];

/** ∫_a^b f(x) dx by 8-point Gauss–Legendre (exact to rounding for smooth f on a narrow range). */
export function integrate(f: (x: number) => number, a: number, b: number): number {
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  let s = 0;
  for (let i = 0; i < 8; i++) s += GL_W[i] * f(mid + half * GL_X[i]);
  return s * half;
}

/**
 * Σ_{k=a}^{b} f(k) over integers. Direct below 64 terms; above, the
 * Euler–Maclaurin formula ∫ + (f(a)+f(b))/2 + (f'(b) − f'(a))/12, whose
 * remainder is far below double precision for the smooth, slowly varying
 * summands of a distribution's tail (callers keep b/a ≤ 1.01).
 */
export function sumRange(f: (k: number) => number, a: number, b: number): number {
  if (b < a) return 0;
  if (b - a < 64) {
    let s = 0;
    for (let k = a; k <= b; k++) s += f(k);
    return s;
  }
  const h = Math.max(0.25, a * 1e-4);
  const d = (x: number) => (f(x + h) - f(x - h)) / (2 * h);
  return integrate(f, a, b) + (f(a) + f(b)) / 2 + (d(b) - d(a)) / 12;
}
