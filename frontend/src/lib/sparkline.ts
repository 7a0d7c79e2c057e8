// The maths of the latency charts (components/Sparkline.svelte): time and latency to SVG coordinates and
// the path of the line. Drawn as plain inline SVG: a line over at most a thousand points needs no chart
// library. A point with no successful run (all failed) has no latency: it breaks the line and is marked.

/** Datum is one point of a chart: its time (ms since the epoch) and latency in ms (null: no successful run). */
export interface Datum {
  t: number
  v: number | null
  failed: boolean // some run of the point failed
}

/** Frame is the chart's box and the ranges it maps: time t0..t1 across, 0..vmax up. */
export interface Frame {
  width: number
  height: number
  t0: number
  t1: number
  vmax: number
}

const round = (n: number) => Math.round(n * 10) / 10
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n))

/** x is the horizontal position of time t (clamped to the box; a zero range puts it at the right edge). */
export function x(f: Frame, t: number): number {
  if (!(f.t1 > f.t0)) return f.width
  return round(clamp(((t - f.t0) / (f.t1 - f.t0)) * f.width, 0, f.width))
}

/** y is the vertical position of latency v: 0 ms at the bottom, vmax at the top (clamped). */
export function y(f: Frame, v: number): number {
  if (!(f.vmax > 0)) return f.height
  return round(clamp(f.height - (v / f.vmax) * f.height, 0, f.height))
}

/** niceMax is the top of the latency axis: the largest value plus a margin, rounded up to 1, 2 or 5 × 10ⁿ. */
export function niceMax(values: readonly number[]): number {
  const top = Math.max(0, ...values.filter((v) => Number.isFinite(v)))
  if (top <= 0) return 1
  const want = top * 1.1
  const p = 10 ** Math.floor(Math.log10(want))
  for (const m of [1, 2, 5, 10]) if (m * p >= want) return m * p
  return 10 * p
}

/** segments are the runs of consecutive points with a latency, as [x, y] pairs (a null point ends a run);
 * points outside t0..t1 are left out. */
export function segments(f: Frame, data: readonly Datum[]): [number, number][][] {
  const out: [number, number][][] = []
  let run: [number, number][] = []
  for (const d of data) {
    if (d.t < f.t0 || d.t > f.t1) continue
    if (d.v === null || !Number.isFinite(d.v)) {
      if (run.length) out.push(run)
      run = []
      continue
    }
    run.push([x(f, d.t), y(f, d.v)])
  }
  if (run.length) out.push(run)
  return out
}

/** path is the SVG path of the segments: each one starts with M, its points joined with L. */
export function path(segs: readonly (readonly [number, number])[][]): string {
  return segs.map((s) => s.map(([px, py], i) => `${i ? 'L' : 'M'}${px} ${py}`).join(' ')).join(' ')
}

/** span is the time range between two horizontal positions (a drag), ordered, within t0..t1. */
export function span(f: Frame, xa: number, xb: number): { from: number; to: number } {
  const at = (px: number) => f.t0 + (clamp(px, 0, f.width) / f.width) * (f.t1 - f.t0)
  const [a, b] = [at(xa), at(xb)].sort((p, q) => p - q)
  return { from: Math.round(a), to: Math.round(b) }
}

/** zoom scales the range t0..t1 by factor (0.5 zooms in, 2 out), kept within [min, max] in width and ending
 * no later than latest. A range that ends at latest (the recent past) keeps its end, so zooming in shows the
 * latest samples; any other range scales around its middle. */
export function zoom(t0: number, t1: number, factor: number, limits: { min: number; max: number; latest: number }): { from: number; to: number } {
  const width = clamp((t1 - t0) * factor, limits.min, limits.max)
  const recent = t1 >= limits.latest - (t1 - t0) * 0.01
  const to = recent ? limits.latest : Math.min((t0 + t1) / 2 + width / 2, limits.latest)
  return { from: Math.round(to - width), to: Math.round(to) }
}
