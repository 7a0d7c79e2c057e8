import { beforeEach, describe, expect, it, vi } from 'vitest'

const bridge = vi.hoisted(() => ({
  ListProfiles: vi.fn(),
  SaveProfile: vi.fn(),
  DeleteProfile: vi.fn(),
  SelectProfile: vi.fn(),
  SecretStatus: vi.fn(),
  SetSecret: vi.fn(),
  ClearSecret: vi.fn(),
  ImportEnv: vi.fn(),
}))
vi.mock('../../wailsjs/go/main/App', () => bridge)

import { emptyProfile } from '../lib/defaults'
import * as store from './profiles.svelte'
import { readiness } from './readiness.svelte'

const { profiles } = store
const prod = { ...emptyProfile(), id: 'p1', name: 'الإنتاج', siteUrl: 'https://shop.example' }
const staging = { ...emptyProfile(), id: 'p2', name: 'التجريب', kind: 'staging' as const }

beforeEach(() => {
  vi.resetAllMocks()
  profiles.list = []
  profiles.selectedId = ''
  profiles.secretStatus = {}
  bridge.SecretStatus.mockResolvedValue({ ok: true, code: 'OK', message: '', saved: { DATABASE_URL: true } })
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
    expect(res).toEqual({ ok: false, code: 'BRIDGE_ERROR', message: '', fieldErrors: {} })
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
    expect(profiles.loadWarning).toBe('moved aside')
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

describe('card configuration', () => {
  it('lists what each card is missing by the names the admin knows', async () => {
    bridge.ListProfiles.mockResolvedValue({
      ok: true, code: 'OK', message: '', selectedId: 'p1', warning: null,
      profiles: [{ ...prod, pusher: { ...prod.pusher, appId: '1', key: 'k', cluster: 'eu' } }],
    })
    await store.loadProfiles()
    const cfg = readiness.selected
    expect(cfg.database).toMatchObject({ ready: true, missing: [] })
    expect(cfg.realtime.missing).toEqual(['PUSHER_SECRET', 'NEXT_PUBLIC_PUSHER_KEY', 'NEXT_PUBLIC_PUSHER_CLUSTER'])
    expect(cfg.revalidate.missing).toEqual(['REVALIDATE_SECRET'])
  })

  it('follows the selection and the secret flags without being told', async () => {
    profiles.list = [prod, staging]
    profiles.selectedId = 'p1'
    expect(readiness.selected.database.ready).toBe(false)
    profiles.secretStatus = { p1: { DATABASE_URL: true } }
    expect(readiness.selected.database.ready).toBe(true)
    profiles.selectedId = 'p2'
    expect(readiness.selected.database.missing).toEqual(['DATABASE_URL'])
  })
})
