import { describe, expect, it } from 'vitest'
import { niceMax, path, segments, span, x, y, zoom, type Datum, type Frame } from './sparkline'

const f: Frame = { width: 200, height: 40, t0: 1000, t1: 3000, vmax: 100 }
const d = (t: number, v: number | null, failed = false): Datum => ({ t, v, failed })

describe('sparkline maths', () => {
  it('maps time across and latency up, clamped to the box', () => {
    expect(x(f, 1000)).toBe(0)
    expect(x(f, 2000)).toBe(100)
    expect(x(f, 3000)).toBe(200)
    expect(x(f, -5e12)).toBe(0)
    expect(x(f, 5e12)).toBe(200)
    expect(y(f, 0)).toBe(40)
    expect(y(f, 100)).toBe(0)
    expect(y(f, 25)).toBe(30)
    expect(y(f, 1e9)).toBe(0) // a spike above the axis stays in the box
    expect(y(f, -3)).toBe(40)
  })

  it('survives a zero range and a zero axis (no NaN in the path)', () => {
    expect(x({ ...f, t1: f.t0 }, 1000)).toBe(200)
    expect(y({ ...f, vmax: 0 }, 10)).toBe(40)
    expect(path(segments({ ...f, t1: f.t0 - 1 }, [d(1000, 5)]))).not.toMatch(/NaN|Infinity/)
  })

  it('draws one M…L run per stretch of successful points, broken by a point with no success', () => {
    const segs = segments(f, [d(1000, 0), d(1500, 50), d(2000, null, true), d(2500, 100), d(3000, 25)])
    expect(segs).toEqual([[[0, 40], [50, 20]], [[150, 0], [200, 30]]])
    expect(path(segs)).toBe('M0 40 L50 20 M150 0 L200 30')
  })

  it('leaves out points outside the range and non-finite latencies', () => {
    const segs = segments(f, [d(500, 10), d(2000, Number.NaN), d(2200, 10), d(9000, 10)])
    expect(segs).toEqual([[[120, 36]]])
    expect(path([])).toBe('')
  })

  it('rounds the axis top up to 1, 2 or 5 × 10ⁿ above the largest value', () => {
    expect(niceMax([])).toBe(1)
    expect(niceMax([0, 0])).toBe(1)
    expect(niceMax([4.2])).toBe(5)
    expect(niceMax([9.5])).toBe(20)
    expect(niceMax([120, 30])).toBe(200)
    expect(niceMax([450])).toBe(500)
    expect(niceMax([Number.NaN, 0.3])).toBe(0.5)
  })

  it('turns a drag (either way) into an ordered time span within the range', () => {
    expect(span(f, 50, 150)).toEqual({ from: 1500, to: 2500 })
    expect(span(f, 150, 50)).toEqual({ from: 1500, to: 2500 })
    expect(span(f, -40, 400)).toEqual({ from: 1000, to: 3000 })
  })

  it('zooms around the middle within the limits, never past the latest time; a recent range keeps its end', () => {
    const lim = { min: 100, max: 10_000, latest: 50_000 }
    expect(zoom(1000, 3000, 0.5, lim)).toEqual({ from: 1500, to: 2500 })
    expect(zoom(1000, 3000, 2, lim)).toEqual({ from: 0, to: 4000 })
    expect(zoom(1000, 1100, 0.1, lim)).toEqual({ from: 1000, to: 1100 }) // not narrower than min
    expect(zoom(45_000, 50_000, 8, lim)).toEqual({ from: 40_000, to: 50_000 }) // capped at max, ending at latest
    expect(zoom(46_000, 50_000, 0.5, lim)).toEqual({ from: 48_000, to: 50_000 }) // the recent end stays
    expect(zoom(49_000, 49_995, 0.5, lim)).toEqual({ from: 49_503, to: 50_000 }) // within 1 % of the end: recent
    expect(zoom(20_000, 40_000, 4, lim)).toEqual({ from: 25_000, to: 35_000 }) // capped at max, around the middle
  })
})
