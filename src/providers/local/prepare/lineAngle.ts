import type { GrayImage } from './grayImage';

/**
 * Which way the text lines run, by projection profiles: the ink pixels are projected across
 * each candidate direction, and the direction whose profile has the sharpest peaks (the largest
 * sum of squared bin counts: lines packed into few bins, gaps empty) is the lines' direction.
 * Every direction is tried (1° steps over 180°, on a sample of the ink), so a page turned 90° or
 * skewed 40° is found as surely as one skewed 2°; then 0.2° and 0.04° steps around the best, on
 * more of the ink, for the half-degree the deskew must reach. The same profile, at the found angle, gives the height of the lines.
 */
export interface LineAngle {
  /** The lines' direction in degrees, (−90, 90]: 0 level, positive running down to the right (y down). */
  angle: number;
  /** The best profile's score over the perpendicular direction's: ≫ 1 for lines, ~1 for no structure. */
  strength: number;
  /** Median height of the text lines (their ink, ascenders to descenders), in this image's pixels. */
  lineHeight: number;
  /** Median height of the lines' dense core (the rows above half the line's peak: about the x-height). */
  coreHeight: number;
  /** Text lines the profile shows. */
  lines: number;
  /**
   * Ink above the lines' densest band (ascenders, capitals) over ink below it (descenders), with
   * "down" the side the lines read upright when turned level by −angle: Latin text has about twice
   * as many ascenders as descenders, so > 1 hints upright, < 1 upside down (a hint: Cyrillic
   * has fewer ascenders; the engine's confidence decides).
   */
  asymmetry: number;
}

/** Ink points for each pass: few for the coarse sweep over every direction, all (up to the last) for the finest. */
const PASSES = [
  { points: 3_000, step: 1, span: 90 },
  { points: 12_000, step: 0.2, span: 1.2 },
  { points: 60_000, step: 0.04, span: 0.24 },
] as const;

export function findLineAngle(image: GrayImage, threshold: number): LineAngle | undefined {
  const all = inkPoints(image, threshold, PASSES[PASSES.length - 1]!.points);
  if (all.xs.length < 50) return undefined;
  const radius = Math.ceil(Math.hypot(image.width, image.height) / 2) + 2;
  const bins = new Float64Array(2 * radius + 2);
  let best = 0;
  for (const pass of PASSES) {
    const points = every(all, Math.max(1, Math.ceil(all.xs.length / pass.points)));
    const centre = pass.span === 90 ? 0 : best;
    const steps = Math.round(pass.span / pass.step);
    const scores: number[] = [];
    let bestK = 0;
    for (let k = -steps; k < (pass.span === 90 ? steps : steps + 1); k++) {
      scores.push(score(points, centre + k * pass.step, bins, radius));
      if (scores[scores.length - 1]! > scores[bestK]!) bestK = scores.length - 1;
    }
    best = centre + (bestK - steps) * pass.step;
    if (pass === PASSES[0]) {
      // No direction stands out (a photo's edges and textures): the finer passes would only
      // refine noise. Every page of the corpus scores 1.8 or more here, photos 1.05–2.
      const strength = scores[bestK]! / Math.max(1, scores[(bestK + 90) % scores.length]!); // the sweep's 1° steps over 180°: across is 90 steps on
      if (strength < NO_LINES) return { angle: normalize(best), strength, lineHeight: 0, coreHeight: 0, lines: 0, asymmetry: 1 };
    }
    if (pass === PASSES[PASSES.length - 1] && bestK > 0 && bestK < scores.length - 1) {
      // A parabola through the best step and its neighbours puts the peak between steps.
      const [l, m, r] = [scores[bestK - 1]!, scores[bestK]!, scores[bestK + 1]!];
      const denominator = l - 2 * m + r;
      if (denominator < 0) best += (pass.step * 0.5 * (l - r)) / denominator;
    }
  }
  const angle = normalize(best);
  const perpendicular = score(all, angle + 90, bins, radius);
  const bestScore = score(all, angle, bins, radius, true);
  const { height, core, lines, asymmetry } = lineRuns(bins);
  return { angle, strength: bestScore / Math.max(1, perpendicular), lineHeight: height, coreHeight: core, lines, asymmetry };
}

/** Below this strength on the coarse sweep the search stops: no lines (a page needs 1.5 in the end). */
const NO_LINES = 1.3;

/** Every `stride`-th point. */
function every(points: { xs: Float32Array; ys: Float32Array }, stride: number): { xs: Float32Array; ys: Float32Array } {
  if (stride === 1) return points;
  const n = Math.ceil(points.xs.length / stride);
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  for (let i = 0, k = 0; k < n; i += stride, k++) {
    xs[k] = points.xs[i]!;
    ys[k] = points.ys[i]!;
  }
  return { xs, ys };
}

/** An angle in (−90, 90]. */
function normalize(angle: number): number {
  let a = angle % 180;
  if (a <= -90) a += 180;
  if (a > 90) a -= 180;
  return a;
}

/** Coordinates of the ink pixels (relative to the centre), at most `max` of them, evenly spread. */
function inkPoints(image: GrayImage, threshold: number, max: number): { xs: Float32Array; ys: Float32Array } {
  let count = 0;
  for (let i = 0; i < image.data.length; i++) if (image.data[i]! <= threshold) count++;
  const stride = Math.max(1, Math.ceil(count / max));
  const n = Math.ceil(count / stride);
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  const cx = image.width / 2;
  const cy = image.height / 2;
  let seen = 0;
  let k = 0;
  for (let y = 0; y < image.height; y++) {
    const row = y * image.width;
    for (let x = 0; x < image.width; x++) {
      if (image.data[row + x]! > threshold) continue;
      if (seen++ % stride !== 0 || k >= n) continue;
      xs[k] = x + 0.5 - cx;
      ys[k] = y + 0.5 - cy;
      k++;
    }
  }
  return { xs: xs.subarray(0, k), ys: ys.subarray(0, k) };
}

/**
 * Sum of squared profile bins across direction `degrees`. `bins` must be all zero on entry; they
 * are left zero again (only the touched ones are cleared: the sweep calls this 200 times), or
 * holding the profile when `keep`.
 */
function score(points: { xs: Float32Array; ys: Float32Array }, degrees: number, bins: Float64Array, radius: number, keep = false): number {
  const r = (degrees * Math.PI) / 180;
  const sin = Math.sin(r);
  const cos = Math.cos(r);
  const { xs, ys } = points;
  let low = bins.length;
  let high = 0;
  for (let i = 0; i < xs.length; i++) {
    // Distance along the normal, split between the two nearest bins (no aliasing between steps).
    const d = -xs[i]! * sin + ys[i]! * cos + radius;
    const b = Math.floor(d);
    const f = d - b;
    bins[b]! += 1 - f;
    bins[b + 1]! += f;
    if (b < low) low = b;
    if (b > high) high = b;
  }
  let sum = 0;
  for (let i = low; i <= high + 1; i++) {
    sum += bins[i]! * bins[i]!;
    if (!keep) bins[i] = 0;
  }
  return sum;
}

/**
 * The runs of the profile above a tenth of its typical line peak (over the gaps' floor): their median length and count,
 * and the ink above and below each run's core (the rows above half the run's peak).
 */
function lineRuns(bins: Float64Array): { height: number; core: number; lines: number; asymmetry: number } {
  const positive = Array.from(bins).filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return { height: 0, core: 0, lines: 0, asymmetry: 1 };
  const peak = positive[Math.floor(positive.length * 0.95)]!;
  // Above the gaps between lines, which grain left after smoothing fills: the emptiest fifth of the page's bins.
  const base = positive[Math.floor(positive.length * 0.2)]!;
  const threshold = base + (peak - base) * 0.1;
  const runs: Array<{ start: number; end: number }> = [];
  let start = -1;
  for (let i = 0; i <= bins.length; i++) {
    const inside = i < bins.length && bins[i]! > threshold;
    if (inside && start < 0) start = i;
    else if (!inside && start >= 0) {
      runs.push({ start, end: i });
      start = -1;
    }
  }
  const real = runs.filter((r) => r.end - r.start >= 2);
  if (real.length === 0) return { height: 0, core: 0, lines: 0, asymmetry: 1 };
  let above = 0;
  let below = 0;
  const cores: number[] = [];
  for (const run of real) {
    let runPeak = 0;
    for (let i = run.start; i < run.end; i++) runPeak = Math.max(runPeak, bins[i]!);
    let coreStart = run.start;
    while (bins[coreStart]! < runPeak / 2) coreStart++;
    let coreEnd = run.end - 1;
    while (bins[coreEnd]! < runPeak / 2) coreEnd--;
    cores.push(coreEnd - coreStart + 1);
    // The fringe outside the run counts too: ascenders thinner than a tenth of the peak.
    for (let i = Math.max(0, run.start - 3); i < coreStart; i++) above += bins[i]!;
    for (let i = coreEnd + 1; i < Math.min(bins.length, run.end + 3); i++) below += bins[i]!;
  }
  const heights = real.map((r) => r.end - r.start).sort((a, b) => a - b);
  cores.sort((a, b) => a - b);
  return { height: heights[Math.floor(heights.length / 2)]!, core: cores[Math.floor(cores.length / 2)]!, lines: real.length, asymmetry: (above + 1) / (below + 1) };
}
