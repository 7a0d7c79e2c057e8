import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge, secretStatus } from './bridge.mock'

vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))

import { profiles, refreshSecretStatus, selectProfile, zeroProfile, type Profile } from './profiles.svelte'
import { readiness, refreshReadiness } from './readiness.svelte'
import * as db from './database.svelte'

const { database } = db

const okDb = { ok: true, code: 'OK', message: 'تعمل', hint: '', latencyMs: 0.4, connectMs: 6, dbName: 'shopdb', checkedAt: '2025-01-01T00:00:00Z' }
const okAtlas = { ok: true, code: 'OK', message: '', hint: '', instanceSize: 'M10', provider: 'AWS', state: 'IDLE' }

function profile(over: Partial<Profile> = {}): Profile {
  return { ...zeroProfile(), id: 'p1', name: 'الإنتاج', features: { dbStats: false, atlasLookup: true, verifyPaths: true }, ...over }
}

/** deferred gives a promise the test settles by hand, to observe the store mid-run. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

/** answer makes Go's Readiness answer for p1 say the Atlas lookup is as given. */
function answer(atlas: { enabled: boolean; ready: boolean; missing?: string[] }) {
  const card = (name: string, ready: boolean) => ({ card: name, enabled: true, ready, missing: [] as string[] })
  bridge.Readiness.mockResolvedValue({
    ok: true, code: 'OK', message: '', profileId: 'p1', database: card('database', true), realtime: card('realtime', false),
    revalidate: card('revalidate', false), atlas: { card: 'atlas', missing: [], ...atlas },
  })
}
/** goSays: that answer, read. */
async function goSays(atlas: { enabled: boolean; ready: boolean; missing?: string[] }) {
  answer(atlas)
  await refreshReadiness('p1')
}

beforeEach(() => {
  vi.resetAllMocks()
  database.results = {}
  database.running = {}
  readiness.byProfile = {}
  profiles.list = [profile()]
  profiles.selectedId = 'p1'
  profiles.secretStatus = { p1: { DATABASE_URL: true } }
})
afterEach(() => vi.useRealTimers())

describe('database store', () => {
  it('runs the database check alone when Atlas is not configured, and keeps the result per profile', async () => {
    bridge.CheckDatabase.mockResolvedValue(okDb)
    expect(await db.checkDatabase('p1')).toBe(true)
    expect(bridge.CheckDatabase).toHaveBeenCalledWith('p1')
    expect(bridge.CheckAtlas).not.toHaveBeenCalled()
    expect(database.selected?.database?.dbName).toBe('shopdb')
    expect(database.selected?.atlas).toBeUndefined()
    expect(database.results.p2).toBeUndefined()
  })

  it('runs both checks in parallel when Atlas is configured', async () => {
    await goSays({ enabled: true, ready: true })
    const d = deferred<typeof okDb>()
    const a = deferred<typeof okAtlas>()
    bridge.CheckDatabase.mockReturnValue(d.promise)
    bridge.CheckAtlas.mockReturnValue(a.promise)
    const run = db.checkDatabase('p1')
    // Both were asked before either answered.
    expect(bridge.CheckDatabase).toHaveBeenCalledTimes(1)
    expect(bridge.CheckAtlas).toHaveBeenCalledTimes(1)
    a.resolve(okAtlas)
    d.resolve(okDb)
    await run
    expect(database.selected?.atlas?.instanceSize).toBe('M10')
  })

  it('does not ask Atlas when the profile turned the lookup off', async () => {
    await goSays({ enabled: false, ready: false })
    bridge.CheckDatabase.mockResolvedValue(okDb)
    await db.checkDatabase('p1')
    expect(bridge.CheckAtlas).not.toHaveBeenCalled()
    expect(readiness.selected.atlas).toMatchObject({ enabled: false, ready: false })
  })

  it('shows what Go says Atlas is missing, and asks Go again when the profile is re-read', async () => {
    await goSays({ enabled: true, ready: false, missing: ['ATLAS_GROUP_ID', 'ATLAS_PRIVATE_KEY'] })
    expect(readiness.selected.atlas).toMatchObject({ enabled: true, ready: false, missing: ['ATLAS_GROUP_ID', 'ATLAS_PRIVATE_KEY'] })
    bridge.SecretStatus.mockResolvedValue(secretStatus({ ATLAS_PRIVATE_KEY: true }))
    answer({ enabled: true, ready: false, missing: ['ATLAS_GROUP_ID'] })
    await refreshSecretStatus('p1')
    await vi.waitFor(() => expect(readiness.selected.atlas.missing).toEqual(['ATLAS_GROUP_ID']))
    expect(bridge.Readiness).toHaveBeenLastCalledWith('p1')
  })

  it('claims nothing ready when Go cannot be asked', async () => {
    bridge.Readiness.mockRejectedValue(new Error('bridge lost'))
    const r = await refreshReadiness('p1')
    expect(r.code).toBe('BRIDGE_ERROR')
    expect(readiness.selected.database.ready).toBe(false)
    expect(readiness.selected.atlas.ready).toBe(false)
  })

  it('ignores a second click while a check runs, and clears the flag afterwards', async () => {
    const d = deferred<typeof okDb>()
    bridge.CheckDatabase.mockReturnValue(d.promise)
    const first = db.checkDatabase('p1')
    expect(database.selectedRunning).toBe(true)
    expect(await db.checkDatabase('p1')).toBe(false)
    expect(bridge.CheckDatabase).toHaveBeenCalledTimes(1)
    d.resolve(okDb)
    await first
    expect(database.selectedRunning).toBe(false)
    bridge.CheckDatabase.mockResolvedValue(okDb)
    expect(await db.checkDatabase('p1')).toBe(true)
    expect(bridge.CheckDatabase).toHaveBeenCalledTimes(2)
  })

  it('turns a rejected bridge call into BRIDGE_ERROR and stops running', async () => {
    bridge.CheckDatabase.mockRejectedValue(new Error('socket closed'))
    await db.checkDatabase('p1')
    expect(database.selected?.database).toMatchObject({ ok: false, code: 'BRIDGE_ERROR' })
    expect(database.selectedRunning).toBe(false)
  })

  it('gives up on a bridge that never answers instead of spinning forever', async () => {
    vi.useFakeTimers()
    bridge.CheckDatabase.mockReturnValue(new Promise(() => {}))
    const run = db.checkDatabase('p1')
    expect(database.selectedRunning).toBe(true)
    await vi.advanceTimersByTimeAsync(db.bridgeDeadlineMs + 1)
    await run
    expect(database.selectedRunning).toBe(false)
    expect(database.selected?.database?.code).toBe('BRIDGE_ERROR')
  })

  it('loads the results Go kept, without overwriting a newer one from this session', async () => {
    bridge.LastResults.mockResolvedValue({ database: { ...okDb, code: 'UNAUTHORIZED', ok: false }, atlas: okAtlas })
    await db.loadLastResults('p1')
    expect(database.selected?.database?.code).toBe('UNAUTHORIZED')
    expect(database.selected?.atlas?.instanceSize).toBe('M10')

    bridge.LastResults.mockClear()
    await db.loadLastResults('p1')
    expect(bridge.LastResults).not.toHaveBeenCalled()

    bridge.LastResults.mockResolvedValue({})
    await db.loadLastResults('p2')
    expect(database.results.p2).toBeUndefined()
  })

  it('loads the kept results of a profile when it becomes the selected one', async () => {
    profiles.list = [profile(), profile({ id: 'p2' })]
    bridge.SelectProfile.mockResolvedValue({ ok: true, code: 'OK', message: '' })
    bridge.LastResults.mockResolvedValue({ database: { ...okDb, dbName: 'staging' } })
    await selectProfile('p2')
    await vi.waitFor(() => expect(database.selected?.database?.dbName).toBe('staging'))
    expect(bridge.LastResults).toHaveBeenCalledWith('p2')
  })

  it('saves the stats toggle in the profile, off by default', async () => {
    expect(profiles.list[0].features.dbStats).toBe(false)
    bridge.SaveProfile.mockImplementation(async (p: Profile) => ({ ok: true, code: 'OK', message: '', profile: p }))
    const res = await db.setStats('p1', true)
    expect(res.ok).toBe(true)
    expect(bridge.SaveProfile.mock.calls[0][0].features).toMatchObject({ dbStats: true, atlasLookup: true })
    expect(profiles.list[0].features.dbStats).toBe(true)
  })

  it('keeps the toggle when saving fails', async () => {
    bridge.SaveProfile.mockResolvedValue({ ok: false, code: 'PROFILES_WRITE_FAILED', message: 'x' })
    const res = await db.setStats('p1', true)
    expect(res.ok).toBe(false)
    expect(profiles.list[0].features.dbStats).toBe(false)
  })
})
