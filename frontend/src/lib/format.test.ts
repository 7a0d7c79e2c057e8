// One date and time format in the app: lib/format's time, in the admin's language with Latin digits. The
// sources are read so a second formatter (a toLocaleString, another Intl.DateTimeFormat) fails here.
import { describe, expect, it } from 'vitest'
import { useLanguage } from '../i18n'
import { time } from './format'

const sources = import.meta.glob(['../**/*.svelte', '../**/*.ts', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

describe('time', () => {
  it('is "" for a missing, unparsable or zero time (Go\'s zero time.Time)', () => {
    for (const v of ['', 'not a date', '0001-01-01T00:00:00Z', '2026-13-45T99:00:00Z']) expect(time(v), v).toBe('')
  })

  it('formats in the admin\'s language, with Latin digits in Arabic', () => {
    const iso = '2026-12-01T11:34:12Z'
    useLanguage('ar')
    const ar = time(iso)
    expect(ar).toMatch(/2026/)
    expect(ar).not.toMatch(/[٠-٩]/)
    expect(ar).toMatch(/[\u0600-\u06FF]/) // the month or the AM/PM mark in Arabic
    useLanguage('en')
    const en = time(iso)
    expect(en).toMatch(/2026/)
    expect(en).not.toBe(ar)
    useLanguage('ar')
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
