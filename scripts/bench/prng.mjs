// A seeded pseudo-random generator, so that the generated captures are the same on every run.

/** mulberry32: 32 bits of state, fast, and good enough to vary traffic (not for cryptography). */
export class Random {
  /** @param {number} seed */
  constructor(seed) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * An integer in [low, high].
   * @param {number} low
   * @param {number} high
   */
  int(low, high) {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** A 32-bit unsigned integer (initial sequence numbers). */
  u32() {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /**
   * True with probability p.
   * @param {number} p
   */
  chance(p) {
    return this.next() < p;
  }

  /**
   * An exponentially distributed delay with the given mean (arrivals of a Poisson process).
   * @param {number} mean
   */
  exponential(mean) {
    return -Math.log(1 - this.next()) * mean;
  }

  /**
   * One of the keys of `weights`, picked in proportion to its weight.
   * @param {Record<string, number>} weights
   * @returns {string}
   */
  pick(weights) {
    const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
    let point = this.next() * total;
    for (const [key, weight] of Object.entries(weights)) {
      point -= weight;
      if (point < 0) return key;
    }
    return Object.keys(weights)[0] ?? "";
  }
}
