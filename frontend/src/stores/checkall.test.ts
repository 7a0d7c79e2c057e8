import { beforeEach, describe, expect, it, vi } from 'vitest'

const cards = vi.hoisted(() => ({ checkDatabase: vi.fn(), validate: vi.fn(), testConnection: vi.fn(), checkPages: vi.fn() }))
const all = { ready: true, missing: [] as string[] }
const ready = vi.hoisted(() => ({ answer: {} as Record<string, { ready: boolean; missing: string[] }>, refreshReadiness: vi.fn() }))
vi.mock('./database.svelte', () => ({ checkDatabase: cards.checkDatabase }))
vi.mock('./realtime.svelte', () => ({ validate: cards.validate }))
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
  checkAllState.running = false
  ready.answer = { database: all, realtime: all, revalidate: all, pages: all }
  ready.refreshReadiness.mockImplementation(async () => ready.answer)
})

describe('check all', () => {
  it('starts every configured check at once and lets each finish on its own', async () => {
    const db = deferred(), rt = deferred(), site = deferred()
    cards.checkDatabase.mockReturnValue(db.promise)
    cards.validate.mockReturnValue(rt.promise)
    cards.testConnection.mockReturnValue(site.promise)
    const run = checkAll('p1')
    expect(checkAllState.running).toBe(true) // at once, before Go's readiness answer
    expect(await checkAll('p1')).toBe(false) // a second click while readiness is asked does nothing
    // All three started before any answered: concurrent, not one after the other.
    await vi.waitFor(() => expect(cards.testConnection).toHaveBeenCalled())
    expect(ready.refreshReadiness).toHaveBeenCalledWith('p1')
    expect(cards.checkDatabase).toHaveBeenCalledWith('p1')
    expect(cards.validate).toHaveBeenCalledWith('p1')
    expect(cards.testConnection).toHaveBeenCalled()
    expect(cards.checkPages).toHaveBeenCalledWith('p1')
    expect(checkAllState.running).toBe(true)
    expect(await checkAll('p1')).toBe(false) // second click does nothing
    site.resolve(null)
    rt.reject(new Error('bridge lost')) // one failure does not stop the others
    db.resolve(true)
    expect(await run).toBe(true)
    expect(checkAllState.running).toBe(false)
    expect(checkAllState.lastDurationMs).not.toBeNull()
  })

  it('skips the cards that are not configured', async () => {
    ready.answer = { database: all, realtime: { ready: false, missing: ['PUSHER_SECRET'] }, revalidate: { ready: false, missing: [] }, pages: { ready: false, missing: ['NEXT_PUBLIC_SITE_URL'] } }
    cards.checkDatabase.mockResolvedValue(true)
    await checkAll('p1')
    expect(cards.checkDatabase).toHaveBeenCalledTimes(1)
    expect(cards.validate).not.toHaveBeenCalled()
    expect(cards.testConnection).not.toHaveBeenCalled()
    expect(cards.checkPages).not.toHaveBeenCalled()
  })
})
