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
}))
vi.mock('../../wailsjs/go/main/App', () => bridge)

import { emptyProfile } from '../lib/types'
import * as store from './profiles'
import { cardConfig } from './config'

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
    expect(get(store.loadWarning)?.code).toBe('PROFILES_CORRUPT')
  })
})

describe('card configuration', () => {
  it('lists what each card is missing by the names the admin knows', async () => {
    bridge.ListProfiles.mockResolvedValue({
      ok: true, code: 'OK', message: '', selectedId: 'p1', warning: null,
      profiles: [{ ...prod, pusher: { ...prod.pusher, appId: '1', key: 'k', cluster: 'eu' } }],
    })
    await store.loadProfiles()
    const cfg = get(cardConfig)
    expect(cfg.database).toEqual({ configured: true, missing: [] })
    expect(cfg.realtime.missing).toEqual(['PUSHER_SECRET', 'NEXT_PUBLIC_PUSHER_KEY', 'NEXT_PUBLIC_PUSHER_CLUSTER'])
    expect(cfg.revalidate.missing).toEqual(['REVALIDATE_SECRET'])
  })
})
