// One date and time format in the app: lib/format's time, the admin's local time as in the log file. The
// sources are read so a second formatter (a toLocaleString, another Intl.DateTimeFormat) fails here.
import { describe, expect, it } from 'vitest'
import { ISOLATES, useLanguage } from '../i18n'
import { day, time as formatted } from './format'

const time = (iso: string) => formatted(iso).replace(ISOLATES, '')

const sources = import.meta.glob(['../**/*.svelte', '../**/*.ts', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

describe('time', () => {
  it('is "" for a missing, unparsable or zero time (Go\'s zero time.Time)', () => {
    for (const v of ['', 'not a date', '0001-01-01T00:00:00Z', '2026-13-45T99:00:00Z']) expect(time(v), v).toBe('')
  })

  it('is the local date and time as in the log file, the same in both languages, Latin digits', () => {
    const iso = '2026-12-01T11:34:12Z'
    const d = new Date(iso)
    const p = (n: number) => String(n).padStart(2, '0')
    const want = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
    useLanguage('ar')
    expect(time(iso)).toBe(want)
    expect(time(iso)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    useLanguage('en')
    expect(time(iso)).toBe(want)
    useLanguage('ar')
    expect(time('2026-01-05T03:04:05.123456789+00:00')).toMatch(/^2026-01-0[45] \d{2}:04:05$/) // Go's nanoseconds, zero-padded fields
  })

  it('is isolated left to right, so Arabic text around it does not put the time before the date', () => {
    expect(formatted('2026-12-01T11:34:12Z')).toMatch(/^\u2066.*\u2069$/)
  })

  it('is the zone the admin lives in, not UTC', () => {
    const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env
    env.TZ = 'Asia/Riyadh' // UTC+3, no daylight saving (Node reads TZ again when it changes)
    try {
      expect(time('2026-12-01T23:30:00Z')).toBe('2026-12-02 02:30:00')
    } finally {
      delete env.TZ
    }
  })

  it('builds no Intl.DateTimeFormat (its ICU data cost 3.3 MiB in WebKitWebProcess)', () => {
    const made: unknown[] = []
    const Real = Intl.DateTimeFormat
    Intl.DateTimeFormat = new Proxy(Real, { construct: (T, a) => (made.push(a), Reflect.construct(T, a)), apply: (T, th, a) => (made.push(a), Reflect.apply(T, th, a)) })
    try {
      time('2026-12-01T11:34:12Z')
    } finally {
      Intl.DateTimeFormat = Real
    }
    expect(made).toEqual([])
  })

  it('is the only date formatter in the frontend', () => {
    const found = Object.entries(sources)
      .filter(([path]) => path !== './format.ts') // keys are relative to lib/
      .filter(([, src]) => /DateTimeFormat|toLocale(Date|Time)?String|dateStyle|timeStyle/.test(src))
      .map(([path]) => path)
    expect(Object.keys(sources).length).toBeGreaterThan(20)
    expect(found).toEqual([])
  })
})

describe('day', () => {
  it('is the date of a build stamp as written, isolated left to right', () => {
    expect(day('2026-12-01T14:15:55Z')).toBe('\u20662026-12-01\u2069')
    expect(day('2026-12-01T23:59:59+03:00')).toMatch(/2026-12-01/) // as written, not moved to another zone
  })
  it('is "" for what is not a time', () => {
    for (const v of ['', 'unknown', '2026-12-01', '0001-01-01T00:00:00Z', '2026-13-45T10:00:00Z', ' 2026-12-01T10:00:00Z']) expect(day(v), v).toBe('')
  })
})
