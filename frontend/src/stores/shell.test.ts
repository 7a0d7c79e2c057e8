import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge } from './bridge.mock'

const events = vi.hoisted(() => ({ handlers: {} as Record<string, (d: unknown) => void>, off: vi.fn() }))
vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))
vi.mock('../../wailsjs/runtime/runtime', () => ({
  EventsOn: (name: string, cb: (d: unknown) => void) => {
    events.handlers[name] = cb
    return events.off
  },
}))

import { listenOpenCard, openCard, openCardEvent, quit } from './shell.svelte'
import { profiles } from './profiles.svelte'
import { view } from './view.svelte'

const ok = { ok: true, code: 'OK', message: '', fieldErrors: {} }

// No DOM in these tests: the cards on screen and the focus are stood in for.
let focused = ''
const card = (id: string) => ({ tabIndex: 0, scrollIntoView: vi.fn(), focus: () => (focused = id) })
const onScreen: Record<string, ReturnType<typeof card>> = {}
vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 0))
vi.stubGlobal('CSS', { escape: (s: string) => s.replace(/["\\]/g, '\\$&') })
vi.stubGlobal('document', {
  querySelector: (sel: string) => onScreen[/^\[data-card="(.*)"\]$/.exec(sel)?.[1] ?? ''] ?? null,
})

beforeEach(() => {
  vi.resetAllMocks()
  profiles.list = [{ id: 'p1' }, { id: 'p2' }] as typeof profiles.list
  profiles.selectedId = 'p1'
  view.current = 'settings'
  focused = ''
  for (const k of Object.keys(onScreen)) delete onScreen[k]
  onScreen.database = card('database')
  onScreen.realtime = card('realtime')
  bridge.SelectProfile.mockResolvedValue(ok)
})

describe('a clicked notification opens its card', () => {
  it('selects the profile, shows the checks and focuses the card of the check', async () => {
    expect(await openCard({ profileId: 'p2', check: 'pusherLive' })).toBe(true)
    expect(bridge.SelectProfile).toHaveBeenCalledWith('p2')
    expect(profiles.selectedId).toBe('p2')
    expect(view.current).toBe('home')
    expect(focused).toBe('realtime')
    expect(onScreen.realtime.scrollIntoView).toHaveBeenCalled()
  })

  it('a check without a card of its own only selects the profile', async () => {
    expect(await openCard({ profileId: 'p2', check: 'storefront"]' })).toBe(false)
    expect(profiles.selectedId).toBe('p2')
    expect(focused).toBe('')
  })

  it('opens nothing for a profile it does not know', async () => {
    expect(await openCard({ profileId: 'gone', check: 'database' })).toBe(false)
    expect(bridge.SelectProfile).not.toHaveBeenCalled()
    expect(profiles.selectedId).toBe('p1')
  })

  it('stays on the profile when Go refuses the switch', async () => {
    bridge.SelectProfile.mockResolvedValue({ ...ok, ok: false, code: 'PROFILE_NOT_FOUND' })
    expect(await openCard({ profileId: 'p2', check: 'database' })).toBe(false)
    expect(profiles.selectedId).toBe('p1')
  })

  it('listens to the event Go emits', async () => {
    const stop = listenOpenCard()
    events.handlers[openCardEvent]({ profileId: 'p1', check: 'atlas' })
    await vi.waitFor(() => expect(focused).toBe('database'))
    stop()
    expect(events.off).toHaveBeenCalled()
  })
})

it('quit calls Go and swallows the bridge going away', async () => {
  bridge.Quit.mockRejectedValue(new Error('gone'))
  await expect(quit()).resolves.toBeUndefined()
  expect(bridge.Quit).toHaveBeenCalled()
})
