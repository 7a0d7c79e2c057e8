import { describe, expect, it } from 'vitest'
import { lang } from '../i18n/lang.svelte'
import { OLD_AFTER_MS, ageOf, ago } from './age.svelte'

const started = Date.parse('2026-12-01T10:00:00Z')
const iso = (ms: number) => new Date(ms).toISOString()

describe('result age', () => {
  it('marks a result from before this run as old, however recent', () => {
    const a = ageOf(iso(started - 5_000), started + 1_000, started)
    expect(a).toMatchObject({ old: true, why: 'previousRun' })
  })

  it('marks a result of this run old only past the threshold (one hour)', () => {
    expect(ageOf(iso(started + 1_000), started + 1_000 + OLD_AFTER_MS, started).old).toBe(false)
    expect(ageOf(iso(started + 1_000), started + 2_000 + OLD_AFTER_MS, started)).toMatchObject({ old: true, why: 'threshold' })
  })

  it('claims nothing for a missing, zero or broken time', () => {
    for (const v of ['', '0001-01-01T00:00:00Z', 'not a time']) expect(ageOf(v, started, started).old).toBe(false)
  })

  it('says the age in the admin language', () => {
    const at = started + 3 * 3600_000
    lang.current = 'ar'
    expect(ago(started, at)).toBe('قبل 3 ساعات')
    expect(ago(at - 2 * 60_000, at)).toBe('قبل دقيقتين')
    lang.current = 'en'
    expect(ago(started, at)).toBe('3 hours ago')
    expect(ago(at - 2 * 86400_000, at)).toBe('2 days ago')
    expect(ago(at - 10_000, at)).toBe('10 seconds ago')
  })
})
