import { beforeEach, describe, expect, it, vi } from 'vitest'
import { get } from 'svelte/store'

const bridge = vi.hoisted(() => ({
  ListProfiles: vi.fn(),
  SaveProfile: vi.fn(),
  DeleteProfile: vi.fn(),
  SelectProfile: vi.fn(),
  SecretStatus: vi.fn(),
  SetSecret: vi.fn(),
  ClearSecret: vi.fn(),
  ImportEnv: vi.fn(),
  Readiness: vi.fn(),
  NewProfile: vi.fn(),
}))
vi.mock('../../wailsjs/go/main/App', () => bridge)

import { emptyProfile } from '../lib/types'
import * as store from './profiles'
import { cardConfig, refreshReadiness } from './config'

const prod = { ...emptyProfile(), id: 'p1', name: 'الإنتاج', siteUrl: 'https://shop.example' }

beforeEach(() => {
  vi.resetAllMocks()
  bridge.SecretStatus.mockResolvedValue({ ok: true, code: 'OK', message: '', saved: { DATABASE_URL: true } })
})

describe('profiles store', () => {
  it('loads profiles, selects the saved one and reads secret status as booleans', async () => {
    bridge.ListProfiles.mockResolvedValue({ ok: true, code: 'OK', message: '', profiles: [prod], selectedId: 'p1', warning: null })
    await store.loadProfiles()
    expect(get(store.selected)?.name).toBe('الإنتاج')
    expect(get(store.secretStatus).p1).toEqual({
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
    expect(res).toEqual({ ok: false, code: 'BRIDGE_ERROR', message: '' })
  })

  it('keeps the previous selection when the backend refuses a switch', async () => {
    store.selectedId.set('p1')
    bridge.SelectProfile.mockResolvedValue({ ok: false, code: 'NOT_FOUND', message: 'x' })
    await store.selectProfile('nope')
    expect(get(store.selectedId)).toBe('p1')
  })

  it('surfaces a corrupt-file warning from the backend', async () => {
    bridge.ListProfiles.mockResolvedValue({ ok: true, code: 'OK', message: '', profiles: [], selectedId: '', warning: { code: 'PROFILES_CORRUPT', message: 'moved aside' } })
    await store.loadProfiles()
    expect(get(store.loadWarning)).toBe('moved aside')
  })
})

describe('card configuration', () => {
  it('lists what each card is missing by the names the admin knows', async () => {
    bridge.ListProfiles.mockResolvedValue({
      ok: true, code: 'OK', message: '', selectedId: 'p1', warning: null,
      profiles: [{ ...prod, pusher: { ...prod.pusher, appId: '1', key: 'k', cluster: 'eu' } }],
    })
    // Go decides (sitevars, tested there); the store shows its answer for the selected profile.
    const card = (name: string, missing: string[]) => ({ card: name, enabled: true, ready: missing.length === 0, missing })
    bridge.Readiness.mockResolvedValue({ ok: true, code: 'OK', message: '', profileId: 'p1',
      database: card('database', []), atlas: card('atlas', ['ATLAS_GROUP_ID']),
      realtime: card('realtime', ['PUSHER_SECRET', 'NEXT_PUBLIC_PUSHER_KEY', 'NEXT_PUBLIC_PUSHER_CLUSTER']),
      revalidate: card('revalidate', ['REVALIDATE_SECRET']) })
    await store.loadProfiles()
    await refreshReadiness('p1')
    expect(bridge.Readiness).toHaveBeenCalledWith('p1')
    const cfg = get(cardConfig)
    expect(cfg.database).toEqual({ configured: true, missing: [] })
    expect(cfg.realtime.missing).toEqual(['PUSHER_SECRET', 'NEXT_PUBLIC_PUSHER_KEY', 'NEXT_PUBLIC_PUSHER_CLUSTER'])
    expect(cfg.revalidate.missing).toEqual(['REVALIDATE_SECRET'])
    // A refused answer (the profile is gone) claims nothing ready.
    bridge.Readiness.mockResolvedValue({ ok: false, code: 'PROFILE_NOT_FOUND', message: '', profileId: 'p1',
      database: card('database', []), atlas: card('atlas', []), realtime: card('realtime', []), revalidate: card('revalidate', []) })
    await refreshReadiness('p1')
    expect(get(cardConfig).database).toEqual({ configured: false, missing: [] })
  })

  it('presets a new profile from Go, kind empty', async () => {
    bridge.NewProfile.mockResolvedValue({ ...emptyProfile(), kind: '', actor: 'admin' })
    const p = await store.newProfile()
    expect(bridge.NewProfile).toHaveBeenCalled()
    expect(p.kind).toBe('')
    expect(emptyProfile().kind).toBe('')
  })
})
