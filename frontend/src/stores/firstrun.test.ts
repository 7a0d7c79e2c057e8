// The first run's store paths: Settings opened at a card's field (the import before the first save is the
// draft preview of stores/forms.svelte.ts, tested in its own file).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge, secretStatus } from './bridge.mock'

vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))

import * as store from './profiles.svelte'
import { openSettings, takeTarget, view, guardLeave } from './view.svelte'

const { profiles } = store

beforeEach(() => {
  vi.resetAllMocks()
  profiles.list = []
  profiles.selectedId = ''
  bridge.SecretStatus.mockResolvedValue(secretStatus({ DATABASE_URL: true }))
  bridge.NewProfile.mockResolvedValue(store.zeroProfile())
  view.current = 'home'
  view.target = null
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
