import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge } from './bridge.mock'

vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))

import { profiles, selectProfile, zeroProfile, type Profile } from './profiles.svelte'
import { checkPages, loadLastPages, pages } from './pages.svelte'

function profile(id: string): Profile {
  return { ...zeroProfile(), id, name: id }
}

const okRun = { ok: true, level: 'ok', code: 'OK', params: { reason: 'allUp', total: '1' }, message: '', hint: '', siteUrl: 'http://127.0.0.1:3000',
  pages: [{ path: '/', code: 'OK', level: 'ok', status: 200, cache: { state: 'HIT' } }], checkedAt: '2026-01-01T00:00:00Z', durationMs: 5 }

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

beforeEach(() => {
  vi.resetAllMocks()
  pages.results = {}
  pages.running = {}
  profiles.list = [profile('p1'), profile('p2')]
  profiles.selectedId = 'p1'
})

describe('pages store', () => {
  it('keeps the result per profile and refuses a second run while one is in flight', async () => {
    const d = deferred<typeof okRun>()
    bridge.CheckPages.mockReturnValue(d.promise)
    const run = checkPages('p1')
    expect(pages.selectedRunning).toBe(true)
    expect(await checkPages('p1')).toBe(false)
    expect(bridge.CheckPages).toHaveBeenCalledTimes(1)
    d.resolve(okRun)
    expect(await run).toBe(true)
    expect(pages.selectedRunning).toBe(false)
    expect(pages.selected?.pages[0].cache.state).toBe('HIT')
    expect(pages.results.p2).toBeUndefined()
  })

  it('turns a lost bridge into a BRIDGE_ERROR result, not a rejection', async () => {
    bridge.CheckPages.mockRejectedValue(new Error('bridge lost'))
    expect(await checkPages('p1')).toBe(true)
    expect(pages.selected?.code).toBe('BRIDGE_ERROR')
    expect(pages.selected?.ok).toBe(false)
    expect(pages.selected?.pages).toEqual([])
  })

  it("brings the kept result back when a profile is selected, without replacing this session's", async () => {
    bridge.LastResults.mockResolvedValue({ pages: { ...okRun, code: 'PAGES_DOWN' } })
    bridge.SelectProfile.mockResolvedValue({ ok: true, code: 'OK', message: '', params: {} })
    bridge.Readiness.mockResolvedValue({})
    await selectProfile('p2')
    await vi.waitFor(() => expect(pages.results.p2?.code).toBe('PAGES_DOWN'))
    expect(bridge.LastResults).toHaveBeenCalledWith('p2')
    pages.results = { ...pages.results, p1: okRun as never }
    await loadLastPages('p1')
    expect(pages.results.p1.code).toBe('OK')
  })
})
