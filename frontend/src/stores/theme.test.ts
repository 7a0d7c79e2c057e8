import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge } from './bridge.mock'

vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))

import { chooseTheme, loadTheme, theme } from './theme.svelte'

const answer = (t: string, ok = true) => ({ ok, code: ok ? 'OK' : 'SETTINGS_UNWRITABLE', theme: t, themes: ['system', 'light', 'dark'], message: '' })

beforeEach(() => {
  vi.resetAllMocks()
  theme.current = 'system'
  theme.themes = []
  theme.saveFailed = false
})

describe('theme store', () => {
  it('applies the theme Go saved, with Go\'s list of themes', async () => {
    bridge.Theme.mockResolvedValue(answer('dark'))
    await loadTheme()
    expect(theme.current).toBe('dark')
    expect(theme.themes).toEqual(['system', 'light', 'dark'])
  })

  it('follows the OS when Go cannot answer (no unhandled rejection)', async () => {
    bridge.Theme.mockRejectedValue(new Error('bridge down'))
    await loadTheme()
    expect(theme.current).toBe('system')
    expect(theme.themes).toEqual(['system'])
  })

  it('switches at once, saves through Go, and says when the choice could not be kept', async () => {
    bridge.Theme.mockResolvedValue(answer('system'))
    await loadTheme()
    bridge.SetTheme.mockResolvedValue(answer('light'))
    await chooseTheme('light')
    expect(bridge.SetTheme).toHaveBeenCalledWith('light')
    expect(theme.current).toBe('light')
    expect(theme.saveFailed).toBe(false)
    bridge.SetTheme.mockResolvedValue(answer('dark', false))
    await chooseTheme('dark')
    expect(theme.current).toBe('dark')
    expect(theme.saveFailed).toBe(true)
    bridge.SetTheme.mockRejectedValue(new Error('bridge down'))
    await chooseTheme('light')
    expect(theme.saveFailed).toBe(true)
  })

  it('refuses a theme Go did not list, without asking Go', async () => {
    bridge.Theme.mockResolvedValue(answer('dark'))
    await loadTheme()
    for (const bad of ['', 'neon', 'Dark', '<x>']) await chooseTheme(bad)
    expect(bridge.SetTheme).not.toHaveBeenCalled()
    expect(theme.current).toBe('dark')
  })
})
