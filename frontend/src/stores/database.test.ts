import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { get } from 'svelte/store'

const bridge = vi.hoisted(() => ({
  CheckDatabase: vi.fn(),
  CheckAtlas: vi.fn(),
  LastResults: vi.fn(),
  SaveProfile: vi.fn(),
  ListProfiles: vi.fn(),
  SelectProfile: vi.fn(),
  SecretStatus: vi.fn(),
  Readiness: vi.fn(),
}))
vi.mock('../../wailsjs/go/main/App', () => bridge)

import { emptyProfile, type Profile } from '../lib/types'
import { profiles, secretStatus, selectedId } from './profiles'
import * as db from './database'
import { refreshReadiness } from './config'

/** goReadiness is Go's Readiness answer for p1 with the given Atlas state (the rule itself is Go's, tested there). */
function goReadiness(atlas: { enabled: boolean; ready: boolean; missing: string[] }) {
  const card = (name: string) => ({ card: name, enabled: true, ready: false, missing: [] })
  return { ok: true, code: 'OK', message: '', profileId: 'p1', database: { ...card('database'), ready: true },
    atlas: { card: 'atlas', ...atlas }, realtime: card('realtime'), revalidate: card('revalidate') }
}

const okDb = { ok: true, code: 'OK', message: 'تعمل', hint: '', latencyMs: 0.4, connectMs: 6, dbName: 'shopdb', stats: null, checkedAt: '2025-01-01T00:00:00Z' }
const okAtlas = { ok: true, code: 'OK', message: '', hint: '', instanceSize: 'M10', provider: 'AWS', state: 'IDLE' }

function profile(over: Partial<Profile> = {}): Profile {
  return { ...emptyProfile(), id: 'p1', name: 'الإنتاج', ...over }
}

/** deferred gives a promise the test settles by hand, to observe the store mid-run. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

const allSecrets = { DATABASE_URL: true, ATLAS_PUBLIC_KEY: true, ATLAS_PRIVATE_KEY: true }

beforeEach(() => {
  vi.resetAllMocks()
  bridge.Readiness.mockResolvedValue(goReadiness({ enabled: true, ready: false, missing: ['ATLAS_GROUP_ID'] }))
  db.results.set({})
  db.running.set({})
  profiles.set([profile()])
  selectedId.set('p1')
  secretStatus.set({ p1: { DATABASE_URL: true } })
})
afterEach(() => vi.useRealTimers())

describe('database store', () => {
  it('runs the database check alone when Atlas is not configured, and keeps the result per profile', async () => {
    bridge.CheckDatabase.mockResolvedValue(okDb)
    expect(await db.checkDatabase('p1')).toBe(true)
    expect(bridge.CheckDatabase).toHaveBeenCalledWith('p1')
    expect(bridge.CheckAtlas).not.toHaveBeenCalled()
    expect(get(db.selectedResults)?.db?.dbName).toBe('shopdb')
    expect(get(db.selectedResults)?.atlas).toBeUndefined()
    expect(get(db.results).p2).toBeUndefined()
  })

  it('runs both checks in parallel when Atlas is configured', async () => {
    profiles.set([profile({ atlas: { groupId: '5f1e2d3c4b5a69788796a5b4', clusterName: 'Cluster0' } })])
    secretStatus.set({ p1: allSecrets })
    bridge.Readiness.mockResolvedValue(goReadiness({ enabled: true, ready: true, missing: [] }))
    const d = deferred<typeof okDb>()
    const a = deferred<typeof okAtlas>()
    bridge.CheckDatabase.mockReturnValue(d.promise)
    bridge.CheckAtlas.mockReturnValue(a.promise)
    const run = db.checkDatabase('p1')
    // Both were asked before either answered (Atlas once Go said the profile can ask it).
    expect(bridge.CheckDatabase).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(bridge.CheckAtlas).toHaveBeenCalledTimes(1))
    a.resolve(okAtlas)
    d.resolve(okDb)
    await run
    expect(get(db.selectedResults)?.atlas?.instanceSize).toBe('M10')
  })

  it('does not ask Atlas when the profile turned the lookup off', async () => {
    const p = profile({ atlas: { groupId: '5f1e2d3c4b5a69788796a5b4', clusterName: 'Cluster0' } })
    p.features.atlasLookup = false
    profiles.set([p])
    secretStatus.set({ p1: allSecrets })
    bridge.Readiness.mockResolvedValue(goReadiness({ enabled: false, ready: false, missing: [] }))
    bridge.CheckDatabase.mockResolvedValue(okDb)
    await db.checkDatabase('p1')
    expect(bridge.CheckAtlas).not.toHaveBeenCalled()
    await refreshReadiness('p1')
    expect(get(db.atlasConfig)).toEqual({ enabled: false, configured: false, missing: [] })
  })

  it('names what Atlas is missing, as Go says', async () => {
    bridge.Readiness.mockResolvedValue(goReadiness({ enabled: true, ready: false, missing: ['ATLAS_GROUP_ID', 'ATLAS_PRIVATE_KEY'] }))
    await refreshReadiness('p1')
    expect(bridge.Readiness).toHaveBeenCalledWith('p1')
    expect(get(db.atlasConfig)).toEqual({ enabled: true, configured: false, missing: ['ATLAS_GROUP_ID', 'ATLAS_PRIVATE_KEY'] })
  })

  it('ignores a second click while a check runs, and clears the flag afterwards', async () => {
    const d = deferred<typeof okDb>()
    bridge.CheckDatabase.mockReturnValue(d.promise)
    const first = db.checkDatabase('p1')
    expect(get(db.selectedRunning)).toBe(true)
    expect(await db.checkDatabase('p1')).toBe(false)
    expect(bridge.CheckDatabase).toHaveBeenCalledTimes(1)
    d.resolve(okDb)
    await first
    expect(get(db.selectedRunning)).toBe(false)
    bridge.CheckDatabase.mockResolvedValue(okDb)
    expect(await db.checkDatabase('p1')).toBe(true)
    expect(bridge.CheckDatabase).toHaveBeenCalledTimes(2)
  })

  it('turns a rejected bridge call into BRIDGE_ERROR and stops running', async () => {
    bridge.CheckDatabase.mockRejectedValue(new Error('socket closed'))
    await db.checkDatabase('p1')
    expect(get(db.selectedResults)?.db).toMatchObject({ ok: false, code: 'BRIDGE_ERROR' })
    expect(get(db.selectedRunning)).toBe(false)
  })

  it('gives up on a bridge that never answers instead of spinning forever', async () => {
    vi.useFakeTimers()
    bridge.CheckDatabase.mockReturnValue(new Promise(() => {}))
    const run = db.checkDatabase('p1')
    expect(get(db.selectedRunning)).toBe(true)
    await vi.advanceTimersByTimeAsync(db.bridgeDeadlineMs + 1)
    await run
    expect(get(db.selectedRunning)).toBe(false)
    expect(get(db.selectedResults)?.db?.code).toBe('BRIDGE_ERROR')
  })

  it('loads the results Go kept, without overwriting a newer one from this session', async () => {
    bridge.LastResults.mockResolvedValue({ database: { ...okDb, code: 'UNAUTHORIZED', ok: false }, atlas: okAtlas })
    await db.loadLastResults('p1')
    expect(get(db.selectedResults)?.db?.code).toBe('UNAUTHORIZED')
    expect(get(db.selectedResults)?.atlas?.instanceSize).toBe('M10')

    bridge.LastResults.mockClear()
    await db.loadLastResults('p1')
    expect(bridge.LastResults).not.toHaveBeenCalled()

    bridge.LastResults.mockResolvedValue({})
    await db.loadLastResults('p2')
    expect(get(db.results).p2).toBeUndefined()
  })

  it('saves the stats toggle in the profile, off by default', async () => {
    expect(get(profiles)[0].features.dbStats).toBe(false)
    bridge.SaveProfile.mockImplementation(async (p: Profile) => ({ ok: true, code: 'OK', message: '', profile: p }))
    const res = await db.setStats('p1', true)
    expect(res.ok).toBe(true)
    expect(bridge.SaveProfile.mock.calls[0][0].features).toMatchObject({ dbStats: true, atlasLookup: true })
    expect(get(profiles)[0].features.dbStats).toBe(true)
  })

  it('keeps the toggle when saving fails', async () => {
    bridge.SaveProfile.mockResolvedValue({ ok: false, code: 'PROFILES_WRITE_FAILED', message: 'x' })
    const res = await db.setStats('p1', true)
    expect(res.ok).toBe(false)
    expect(get(profiles)[0].features.dbStats).toBe(false)
  })
})
