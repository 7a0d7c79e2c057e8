import { describe, expect, it } from 'vitest'
import { catalog, codeLabel, ms, onFirstUse, t } from './index'

describe('catalog', () => {
  it('fills placeholders and falls back to the key', () => {
    expect(t('common.state.missing', { list: 'A' })).toBe('الناقص: A')
    expect(t('no.such.key')).toBe('no.such.key')
  })
  it('labels codes per area, then common, then raw', () => {
    expect(codeLabel('database', 'TIMEOUT')).toBe('انتهت المهلة')
    expect(codeLabel('database', 'SOMETHING_NEW')).toBe('SOMETHING_NEW')
  })
  it('holds Arabic text for every leaf (no empty strings)', () => {
    const leaves: string[] = []
    const walk = (n: unknown) => {
      if (typeof n === 'string') leaves.push(n)
      else for (const v of Object.values(n as object)) walk(v)
    }
    walk(catalog)
    expect(leaves.length).toBeGreaterThan(50)
    expect(leaves.filter((s) => s.trim() === '')).toEqual([])
  })
})

describe('onFirstUse', () => {
  it('builds nothing until asked, then builds once', () => {
    let built = 0
    const get = onFirstUse(() => ({ n: ++built }))
    expect(built).toBe(0)
    const first = get()
    expect(get()).toBe(first)
    expect(built).toBe(1)
  })
  it('formats figures with the lazily built formatter', () => {
    // The digits depend on the runtime's ICU (Node's 'ar' gives Latin ones): compare with Intl itself.
    expect(ms(1.256)).toBe(`${new Intl.NumberFormat('ar', { maximumFractionDigits: 2 }).format(1.26)} ms`)
  })
})
