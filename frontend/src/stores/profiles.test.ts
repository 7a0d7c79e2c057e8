import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge, secretStatus } from './bridge.mock'

vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))

import * as store from './profiles.svelte'
import { readiness } from './readiness.svelte'
import type * as models from '../../wailsjs/go/models'

const { profiles } = store
const prod = { ...store.zeroProfile(), id: 'p1', name: 'الإنتاج', siteUrl: 'https://shop.example' }
const staging = { ...store.zeroProfile(), id: 'p2', name: 'التجريب', kind: 'staging' as const }

beforeEach(() => {
  vi.resetAllMocks()
  profiles.list = []
  profiles.selectedId = ''
  profiles.secretStatus = {}
  bridge.SecretStatus.mockResolvedValue(secretStatus({ DATABASE_URL: true }))
  bridge.NewProfile.mockResolvedValue({ ...store.zeroProfile(), revalidation: { tags: ['products'], paths: ['/'], cooldownSeconds: 10 } })
  readiness.byProfile = {}
})

describe('profiles store', () => {
  it('loads profiles, selects the saved one and reads secret status as booleans', async () => {
    bridge.ListProfiles.mockResolvedValue({ ok: true, code: 'OK', message: '', profiles: [prod], selectedId: 'p1', warning: null })
    await store.loadProfiles()
    expect(profiles.selected?.name).toBe('الإنتاج')
    expect(profiles.secretStatus.p1).toEqual({
      DATABASE_URL: true,
      PUSHER_SECRET: false,
      ATLAS_PUBLIC_KEY: false,
      ATLAS_PRIVATE_KEY: false,
      REVALIDATE_SECRET: false,
    })
  })

  it('turns a rejected bridge call into a result instead of throwing', async () => {
    bridge.SetSecret.mockRejectedValue(new Error('boom with secret-value'))
    const res = await store.setSecret('p1', 'PUSHER_SECRET', 'secret-value')
    expect(res).toEqual({ ok: false, code: 'BRIDGE_ERROR', message: '', params: {}, fieldErrors: {} })
    expect(JSON.stringify(res)).not.toContain('secret-value')
  })

  it('keeps the previous selection when the backend refuses a switch', async () => {
    profiles.selectedId = 'p1'
    bridge.SelectProfile.mockResolvedValue({ ok: false, code: 'NOT_FOUND', message: 'x' })
    await store.selectProfile('nope')
    expect(profiles.selectedId).toBe('p1')
  })

  it('surfaces a corrupt-file warning from the backend', async () => {
    bridge.ListProfiles.mockResolvedValue({ ok: true, code: 'OK', message: '', profiles: [], selectedId: '', warning: { code: 'PROFILES_CORRUPT', message: 'moved aside' } })
    await store.loadProfiles()
    expect(profiles.loadWarning?.code).toBe('PROFILES_CORRUPT')
  })
})

describe('profile switch', () => {
  it('tells every registered store once per switch, and not when the selection stays', async () => {
    const seen: string[] = []
    const stop = store.onProfileSwitch((id) => seen.push(id))
    bridge.ListProfiles.mockResolvedValue({ ok: true, code: 'OK', message: '', profiles: [prod, staging], selectedId: 'p1', warning: null })
    await store.loadProfiles()
    await store.loadProfiles() // same selection: no switch
    bridge.SelectProfile.mockResolvedValue({ ok: true, code: 'OK', message: '' })
    await store.selectProfile('p2')
    await store.selectProfile('p2')
    // Go refuses: the switch is undone, and that is a switch too.
    bridge.SelectProfile.mockResolvedValue({ ok: false, code: 'NOT_FOUND', message: '' })
    await store.selectProfile('p1')
    stop()
    expect(seen).toEqual(['p1', 'p2', 'p1', 'p2'])
  })

  it('selects the first saved profile, and tells the change listeners of every save and secret re-read', async () => {
    const changed: string[] = []
    const switched: string[] = []
    const stops = [store.onProfileChange((id) => changed.push(id)), store.onProfileSwitch((id) => switched.push(id))]
    bridge.SaveProfile.mockResolvedValue({ ok: true, code: 'OK', message: '', profile: prod })
    await store.saveProfile(prod)
    bridge.SetSecret.mockResolvedValue({ ok: true, code: 'OK', message: '' })
    await store.setSecret('p1', 'DATABASE_URL', 'mongodb://h/db')
    bridge.SaveProfile.mockResolvedValue({ ok: false, code: 'INVALID_INPUT', message: '' })
    await store.saveProfile(prod) // refused: nothing changed
    stops.forEach((s) => s())
    expect(switched).toEqual(['p1'])
    expect(changed).toEqual(['p1', 'p1'])
  })
})

describe('card readiness', () => {
  const card = (name: string, missing: string[]) => ({ card: name, enabled: true, ready: missing.length === 0, missing, needs: missing.map((n) => ({ name: n, field: '', secret: true })) })
  const answer = (id: string, dbMissing: string[]): models.sitevars.Readiness => ({
    ok: true, code: 'OK', message: '', profileId: id, database: card('database', dbMissing), atlas: card('atlas', []),
    realtime: card('realtime', ['PUSHER_SECRET']), revalidate: card('revalidate', ['REVALIDATE_SECRET']), pages: card('pages', []),
  })

  it('asks Go for the selected profile on load, again after its secrets are re-read, and shows its answer', async () => {
    bridge.ListProfiles.mockResolvedValue({ ok: true, code: 'OK', message: '', selectedId: 'p1', warning: null, profiles: [prod, staging] })
    bridge.Readiness.mockImplementation(async (id: string) => answer(id, ['DATABASE_URL']))
    await store.loadProfiles()
    await vi.waitFor(() => expect(readiness.selected.realtime.missing).toEqual(['PUSHER_SECRET']))
    expect(readiness.selected.database).toMatchObject({ ready: false, missing: ['DATABASE_URL'] })
    bridge.Readiness.mockImplementation(async (id: string) => answer(id, []))
    bridge.SetSecret.mockResolvedValue({ ok: true, code: 'OK', message: '' })
    await store.setSecret('p1', 'DATABASE_URL', 'mongodb://h/db')
    await vi.waitFor(() => expect(readiness.selected.database.ready).toBe(true))
    expect(bridge.Readiness).toHaveBeenCalledWith('p1')
    expect(bridge.Readiness).not.toHaveBeenCalledWith('p2') // re-read too, but not selected: not asked
  })

  it('keeps the newest answer when two overlap, and claims nothing before Go answered', async () => {
    profiles.list = [prod]
    profiles.selectedId = 'p1'
    expect(readiness.selected.database.ready).toBe(false)
    let slow!: (r: models.sitevars.Readiness) => void
    bridge.Readiness.mockReturnValueOnce(new Promise((r) => (slow = r))).mockResolvedValueOnce(answer('p1', []))
    const { refreshReadiness } = await import('./readiness.svelte')
    const first = refreshReadiness('p1')
    await refreshReadiness('p1')
    slow(answer('p1', ['DATABASE_URL']))
    await first
    expect(readiness.selected.database.ready).toBe(true)
  })
})
