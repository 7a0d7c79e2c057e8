// The first run's store paths: a .env import before the first save (Go creates the profile, the store
// selects it), and Settings opened at a card's field.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge, secretStatus } from './bridge.mock'

vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))

import * as store from './profiles.svelte'
import { openSettings, takeTarget, view, guardLeave } from './view.svelte'

const { profiles } = store
const draft = { ...store.zeroProfile(), name: 'متجري' }
const made = { ...store.zeroProfile(), id: 'new1', name: 'متجري', kind: 'staging' as const }

beforeEach(() => {
  vi.resetAllMocks()
  profiles.list = []
  profiles.selectedId = ''
  bridge.SecretStatus.mockResolvedValue(secretStatus({ DATABASE_URL: true }))
  bridge.NewProfile.mockResolvedValue(store.zeroProfile())
  view.current = 'home'
  view.target = null
})

describe('import before the first save', () => {
  it('hands Go the draft, then lists and selects the profile Go created', async () => {
    bridge.ImportEnvNew.mockResolvedValue({ ok: true, code: 'OK', message: '', params: {}, fieldErrors: {}, taken: ['DATABASE_URL'], ignored: [], stored: ['DATABASE_URL'], profile: made })
    bridge.ListProfiles.mockResolvedValue({ ok: true, code: 'OK', message: '', profiles: [made], selectedId: '', warning: null })
    const res = await store.importEnvNew(draft)
    expect(bridge.ImportEnvNew).toHaveBeenCalledWith(draft)
    expect(res.ok).toBe(true)
    expect(profiles.list.map((p) => p.id)).toEqual(['new1'])
    expect(profiles.selectedId).toBe('new1')
  })

  it('changes nothing when Go refuses (no kind), and says which field', async () => {
    bridge.ImportEnvNew.mockResolvedValue({ ok: false, code: 'INVALID_INPUT', message: '', params: {}, fieldErrors: { kind: { code: 'kindRequired' } }, taken: [], ignored: [], stored: [], profile: store.zeroProfile() })
    const res = await store.importEnvNew(draft)
    expect(res.fieldErrors.kind.code).toBe('kindRequired')
    expect(bridge.ListProfiles).not.toHaveBeenCalled()
    expect(profiles.list).toEqual([])
  })

  it('reads a closed file dialog as cancelled and a lost bridge as a result', async () => {
    bridge.ImportEnvNew.mockResolvedValueOnce({ ok: false, code: 'CANCELED', message: '', params: {}, fieldErrors: {}, taken: [], ignored: [], stored: [], profile: store.zeroProfile() })
    expect((await store.importEnvNew(draft)).cancelled).toBe(true)
    bridge.ImportEnvNew.mockRejectedValueOnce(new Error('gone'))
    expect((await store.importEnvNew(draft)).code).toBe('BRIDGE_ERROR')
  })
})

describe('opening Settings at a field', () => {
  it('shows Settings with the target, which Settings takes once', async () => {
    expect(await openSettings({ field: 'siteUrl' })).toBe(true)
    expect(view.current).toBe('settings')
    expect(takeTarget()).toEqual({ field: 'siteUrl' })
    expect(takeTarget()).toBeNull()
  })

  it('drops the target when the view on screen refuses to be left', async () => {
    const off = guardLeave(async () => false)
    expect(await openSettings({ secret: 'REVALIDATE_SECRET' })).toBe(false)
    expect(view.current).toBe('home')
    expect(view.target).toBeNull()
    off()
  })
})
