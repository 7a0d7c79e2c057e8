import { beforeEach, describe, expect, it, vi } from 'vitest'

const cards = vi.hoisted(() => ({ checkDatabase: vi.fn(), validate: vi.fn(), liveTest: vi.fn(), testConnection: vi.fn(), checkPages: vi.fn() }))
const all = { ready: true, missing: [] as string[] }
const none = { ready: false, missing: ['X'] }
const ready = vi.hoisted(() => ({ answer: {} as Record<string, unknown>, refreshReadiness: vi.fn() }))
vi.mock('./database.svelte', () => ({ checkDatabase: cards.checkDatabase }))
vi.mock('./realtime.svelte', () => ({ validate: cards.validate, liveTest: cards.liveTest }))
vi.mock('./revalidate.svelte', () => ({ testConnection: cards.testConnection }))
vi.mock('./pages.svelte', () => ({ checkPages: cards.checkPages }))
vi.mock('./readiness.svelte', () => ({ refreshReadiness: ready.refreshReadiness }))

import { checkAll, checkAllState } from './checkall.svelte'

function deferred() {
  let resolve!: (v: unknown) => void
  let reject!: (e: unknown) => void
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

beforeEach(() => {
  vi.resetAllMocks()
  checkAllState.byProfile = {}
  ready.answer = { ok: true, code: 'OK', database: all, realtime: all, revalidate: all, pages: all }
  ready.refreshReadiness.mockImplementation(async () => ready.answer)
})

describe('check all', () => {
  it('starts every check the profile can run at once, the live test included, and lets each finish on its own', async () => {
    const db = deferred(), rt = deferred(), live = deferred(), site = deferred()
    cards.checkDatabase.mockReturnValue(db.promise)
    cards.validate.mockReturnValue(rt.promise)
    cards.liveTest.mockReturnValue(live.promise)
    cards.testConnection.mockReturnValue(site.promise)
    const run = checkAll('p1')
    expect(checkAllState.of('p1').running).toBe(true) // at once, before Go's readiness answer
    expect(await checkAll('p1')).toBe(false) // a second click while readiness is asked does nothing
    await vi.waitFor(() => expect(cards.testConnection).toHaveBeenCalled())
    expect(ready.refreshReadiness).toHaveBeenCalledWith('p1')
    expect(cards.checkDatabase).toHaveBeenCalledWith('p1')
    expect(cards.validate).toHaveBeenCalledWith('p1')
    expect(cards.liveTest).toHaveBeenCalledWith('p1')
    expect(cards.testConnection).toHaveBeenCalled()
    expect(cards.checkPages).toHaveBeenCalledWith('p1')
    expect(await checkAll('p1')).toBe(false) // second click does nothing
    site.resolve(null)
    rt.reject(new Error('bridge lost')) // one failure does not stop the others
    db.resolve(true)
    expect(checkAllState.of('p1').running).toBe(true) // the live test is still out
    live.resolve(null)
    expect(await run).toBe(true)
    const s = checkAllState.of('p1')
    expect(s.running).toBe(false)
    expect(s.durationMs).not.toBeNull()
    expect(s.nothing).toBe(false)
  })

  it('skips the cards that are not configured', async () => {
    ready.answer = { ok: true, code: 'OK', database: all, realtime: none, revalidate: { ready: false, missing: [] }, pages: { ready: false, missing: ['NEXT_PUBLIC_SITE_URL'] } }
    cards.checkDatabase.mockResolvedValue(true)
    await checkAll('p1')
    expect(cards.checkDatabase).toHaveBeenCalledTimes(1)
    expect(cards.validate).not.toHaveBeenCalled()
    expect(cards.liveTest).not.toHaveBeenCalled()
    expect(cards.testConnection).not.toHaveBeenCalled()
    expect(cards.checkPages).not.toHaveBeenCalled()
  })

  it('says "nothing to check" when no card is set up, not a duration', async () => {
    ready.answer = { ok: true, code: 'OK', database: none, realtime: none, revalidate: none, pages: none }
    await checkAll('p1')
    expect(checkAllState.of('p1')).toMatchObject({ running: false, nothing: true, durationMs: null, failure: null })
    for (const f of Object.values(cards)) expect(f).not.toHaveBeenCalled()
  })

  it('says why when Go cannot tell what the profile has', async () => {
    ready.answer = { ok: false, code: 'KEYCHAIN_LOCKED', message: 'locked', database: none, realtime: none, revalidate: none }
    await checkAll('p1')
    expect(checkAllState.of('p1')).toMatchObject({ nothing: false, durationMs: null, failure: { code: 'KEYCHAIN_LOCKED' } })
  })

  it('keeps each profile its own status: another profile shows none of it', async () => {
    cards.checkDatabase.mockResolvedValue(true)
    const p1 = deferred()
    cards.validate.mockReturnValueOnce(p1.promise).mockResolvedValue(null)
    const run = checkAll('p1')
    expect(checkAllState.of('p2')).toMatchObject({ running: false, durationMs: null, nothing: false })
    expect(await checkAll('p2')).toBe(true) // not blocked by p1's run
    p1.resolve(null)
    await run
    expect(checkAllState.of('p1').durationMs).not.toBeNull()
  })
})
