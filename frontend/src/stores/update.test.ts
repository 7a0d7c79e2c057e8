import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge } from './bridge.mock'

const runtime = vi.hoisted(() => ({ BrowserOpenURL: vi.fn() }))
vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))
vi.mock('../../wailsjs/runtime/runtime', () => runtime)

import * as upd from './update.svelte'

const { updates } = upd

const settings = (enabled: boolean, feedUrl = '') => ({
  ok: true, code: 'OK', message: 'حُفظت', fieldErrors: {}, settings: { enabled, feedUrl }, defaultFeed: 'https://api.github.com/repos/o/r/releases',
})
const available = { code: 'UPDATE_AVAILABLE', message: 'm', current: 'v1.0.0', latest: 'v1.1.0', notes: '<b>x</b>', url: 'https://example.com/r', feedUrl: '', cached: false, durationMs: 1 }

beforeEach(() => {
  vi.resetAllMocks()
  updates.settings = null
  updates.lastCheck = null
  updates.dismissed = ''
})

describe('update store', () => {
  it('off (the default): reads the settings and never asks for a check', async () => {
    bridge.UpdateSettings.mockResolvedValue(settings(false))
    await upd.startUpdateNotice()
    expect(bridge.CheckForUpdate).not.toHaveBeenCalled()
    expect(await upd.checkForUpdate()).toBeNull()
    expect(bridge.CheckForUpdate).not.toHaveBeenCalled()
    expect(updates.defaultFeed).toContain('releases')
  })

  it('on: checks once at start and keeps the answer for the banner', async () => {
    bridge.UpdateSettings.mockResolvedValue(settings(true))
    bridge.CheckForUpdate.mockResolvedValue(available)
    await upd.startUpdateNotice()
    expect(bridge.CheckForUpdate).toHaveBeenCalledTimes(1)
    expect(updates.lastCheck?.latest).toBe('v1.1.0')
  })

  it('saving turned on checks; saving turned off clears the answer and asks nothing', async () => {
    bridge.SaveUpdateSettings.mockResolvedValue(settings(true, 'https://r.example.com/feed'))
    bridge.CheckForUpdate.mockResolvedValue(available)
    await upd.saveUpdateSettings({ enabled: true, feedUrl: 'https://r.example.com/feed' })
    expect(bridge.SaveUpdateSettings.mock.calls[0][0]).toMatchObject({ enabled: true, feedUrl: 'https://r.example.com/feed' })
    expect(bridge.CheckForUpdate).toHaveBeenCalledTimes(1)
    bridge.SaveUpdateSettings.mockResolvedValue(settings(false))
    await upd.saveUpdateSettings({ enabled: false, feedUrl: '' })
    expect(bridge.CheckForUpdate).toHaveBeenCalledTimes(1)
    expect(updates.lastCheck).toBeNull()
  })

  it('a refused URL keeps the stored settings', async () => {
    updates.settings = { enabled: false, feedUrl: '' }
    bridge.SaveUpdateSettings.mockResolvedValue({ ...settings(false), ok: false, code: 'INVALID_INPUT', fieldErrors: { feedUrl: 'x' } })
    const res = await upd.saveUpdateSettings({ enabled: true, feedUrl: 'http://elsewhere' })
    expect(res.fieldErrors.feedUrl).toBe('x')
    expect(updates.settings).toEqual({ enabled: false, feedUrl: '' })
    expect(bridge.CheckForUpdate).not.toHaveBeenCalled()
  })

  it('a failing bridge becomes a result, not a rejection', async () => {
    bridge.UpdateSettings.mockRejectedValue(new Error('boom'))
    await expect(upd.startUpdateNotice()).resolves.toBeUndefined()
    updates.settings = { enabled: true, feedUrl: '' }
    bridge.CheckForUpdate.mockRejectedValue(new Error('boom'))
    expect((await upd.checkForUpdate())?.code).toBe('BRIDGE_ERROR')
  })

  it('opens only http(s) release pages in the browser', () => {
    expect(upd.openRelease('javascript:alert(1)')).toBe(false)
    expect(upd.openRelease('file:///etc/passwd')).toBe(false)
    expect(upd.openRelease('')).toBe(false)
    expect(runtime.BrowserOpenURL).not.toHaveBeenCalled()
    expect(upd.openRelease('https://github.com/o/r/releases/tag/v1.1.0')).toBe(true)
    expect(runtime.BrowserOpenURL).toHaveBeenCalledWith('https://github.com/o/r/releases/tag/v1.1.0')
  })
})
