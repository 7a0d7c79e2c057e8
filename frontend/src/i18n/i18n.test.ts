import { afterEach, describe, expect, it } from 'vitest'
import { ISOLATES, catalogs, codeLabel, fieldText, hint, lang, list, message, ms, onFirstUse, t, useLanguage } from './index'

const plain = (s: string) => s.replace(ISOLATES, '')

afterEach(() => useLanguage('ar'))

describe('catalog', () => {
  it('fills placeholders (isolated) and falls back to the key', () => {
    expect(plain(t('common.state.missing', { list: 'A' }))).toBe('الناقص: A')
    expect(t('common.state.missing', { list: 'A' })).toBe('الناقص: \u2068A\u2069')
    expect(t('no.such.key')).toBe('no.such.key')
  })
  it('labels codes per area, then the code, then raw', () => {
    expect(codeLabel('database', 'TIMEOUT')).toBe('انتهت المهلة')
    expect(codeLabel('database', 'SOMETHING_NEW')).toBe('SOMETHING_NEW')
  })
  it('holds text for every leaf of both catalogs (no empty strings but the allowed ones)', () => {
    expect(Object.keys(catalogs).sort()).toEqual(['ar', 'en'])
    for (const c of Object.values(catalogs)) {
      const leaves: string[] = []
      const walk = (n: unknown) => {
        if (typeof n === 'string') leaves.push(n)
        else for (const v of Object.values(n as object)) walk(v)
      }
      walk(c)
      expect(leaves.length).toBeGreaterThan(500)
      expect(leaves.filter((s) => s.trim() === '')).toEqual([])
    }
  })
  it('speaks English after a switch, and the document follows', () => {
    useLanguage('en')
    expect(lang.current).toBe('en')
    expect(codeLabel('database', 'TIMEOUT')).toBe('Timed out')
    useLanguage('ar')
    expect(codeLabel('database', 'TIMEOUT')).toBe('انتهت المهلة')
  })
})

describe('results said from code + params', () => {
  it('picks the reason, then the area sentence, then the label, the same rule as Go', () => {
    const r = { code: 'EVENT_NOT_RECEIVED', params: { reason: 'noEventKey' } }
    expect(message('realtime', r)).toBe(t('realtime.why.noEventKey'))
    expect(message('realtime', { code: 'EVENT_NOT_RECEIVED' })).toBe(t('realtime.msg.EVENT_NOT_RECEIVED'))
    expect(message('realtime', { code: 'NEW_CODE' })).toBe('NEW_CODE')
    expect(hint('database', { code: 'INVALID_URI', params: { reason: 'uriHash' } })).toBe(t('database.whyHint.uriHash'))
    expect(hint('database', { code: 'OK' })).not.toBe('')
  })
  it('names the refused character and its encoding, isolated', () => {
    const h = hint('database', { code: 'INVALID_URI', params: { reason: 'uriUnencoded_password', char: '?', enc: '%3F' } })
    expect(h).toContain('\u2068?\u2069')
    expect(h).toContain('\u2068%3F\u2069')
  })
  it('says field errors with their limit and list position', () => {
    expect(plain(fieldText({ code: 'tooLong', params: { max: '80' } }))).toContain('80')
    expect(plain(fieldText({ code: 'pathSlash', params: { item: '2' } }))).toMatch(/^رقم 2: /)
    expect(fieldText({ code: 'KEYCHAIN_LOCKED' })).toBe(codeLabel('settings', 'KEYCHAIN_LOCKED'))
  })
  it('joins lists with the language separator', () => {
    expect(plain(list(['A', 'B']))).toBe('A، B')
    useLanguage('en')
    expect(plain(list(['A', 'B']))).toBe('A, B')
  })
})

describe('bidi', () => {
  it('isolates Latin runs in Arabic text: schemes, %40, paths with their type, variable names', () => {
    const h = hint('database', { code: 'INVALID_URI' })
    expect(h).toContain('\u2066mongodb://\u2069')
    expect(h).toContain('\u2066mongodb+srv://\u2069')
    expect(h).toContain('\u2066%40\u2069')
    expect(t('revalidate.pathsHint')).toContain('\u2066/dashboard (layout)\u2069')
    // Sentence punctuation stays outside, in the Arabic flow.
    expect(t('field.hostPort')).not.toContain('.\u2069')
  })
  it('leaves English text alone but for the filled-in values', () => {
    useLanguage('en')
    expect(t('field.hostPort')).not.toMatch(ISOLATES)
  })
  it('keeps a figure with its unit in one left-to-right run', () => {
    expect(ms(4.96)).toBe('\u20664.96\u00a0ms\u2069')
  })
})

describe('plurals', () => {
  const items = (n: number) => plain(t('revalidate.why.updated', { items: n, instances: 1 }))
  it('uses the six Arabic forms (Intl.PluralRules), not "4 عنصراً"', () => {
    expect(items(0)).toContain('لا عناصر')
    expect(items(1)).toContain('عنصرًا واحدًا')
    expect(items(2)).toContain('عنصرين')
    expect(items(4)).toContain('4 عناصر')
    expect(items(11)).toContain('11 عنصرًا')
    expect(items(100)).toContain('100 عنصر')
    expect(plain(t('revalidate.why.updated', { items: 3, instances: 1 }))).toContain('نسخة واحدة')
  })
  it('uses one/other in English', () => {
    useLanguage('en')
    expect(items(1)).toContain('1 item')
    expect(items(4)).toContain('4 items')
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
})
