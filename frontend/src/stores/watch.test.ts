import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge } from './bridge.mock'

vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))

import { profiles, selectProfile, zeroProfile } from './profiles.svelte'
import * as w from './watch.svelte'
import { checkDatabase, database } from './database.svelte'

const { watch } = w

const checks = [
  { check: 'database', label: 'watch.check.database', suggestedSec: 60, defaultDegradedMs: 500 },
  { check: 'atlas', label: 'watch.check.atlas', suggestedSec: 300, defaultDegradedMs: 3000 },
]
function settings(enabled: Record<string, number> = {}) {
  return {
    notify: true, failuresToDown: 2,
    checks: checks.map((c) => ({ check: c.check, enabled: c.check in enabled, intervalSec: enabled[c.check] ?? c.suggestedSec, degradedMs: c.defaultDegradedMs })),
  }
}
function settingsResult(enabled: Record<string, number> = {}, over: Record<string, unknown> = {}) {
  return { ok: true, code: 'OK', message: '', params: {}, fieldErrors: {}, settings: settings(enabled), checks, minIntervalSec: 10, maxIntervalSec: 86400, maxFailures: 10, ...over }
}
function card(check: string, over: Record<string, unknown> = {}) {
  return {
    ok: true, code: 'OK', message: '', params: {}, check, state: 'up', watched: false, intervalSec: 60, degradedMs: 500, checkedAt: '2026-01-01T00:00:00Z',
    history: { uptime24h: { pct: 99.5, samples: 200 }, uptime7d: { pct: 99.9, samples: 900 }, uptime30d: { pct: 100, samples: 0 }, sparkline: [], incidents: [] },
    ...over,
  }
}

beforeEach(() => {
  vi.resetAllMocks()
  vi.useFakeTimers()
  watch.settings = {}
  watch.cards = {}
  database.results = {}
  database.running = {}
  profiles.list = [{ ...zeroProfile(), id: 'p1', name: 'أ' }, { ...zeroProfile(), id: 'p2', name: 'ب' }]
  profiles.selectedId = 'p1'
  bridge.SelectProfile.mockResolvedValue({ ok: true, code: 'OK', message: '', params: {}, fieldErrors: {} })
  bridge.LastResults.mockResolvedValue({})
  bridge.CardHistory.mockImplementation(async (_id: string, check: string) => card(check))
})
afterEach(() => {
  w.stopPolling()
  vi.useRealTimers()
})

describe('watch store', () => {
  it('asks Go for the settings and every check of its list on a profile switch, per profile', async () => {
    bridge.WatchSettings.mockResolvedValue(settingsResult())
    await selectProfile('p2')
    await vi.waitFor(() => expect(watch.cards.p2?.atlas).toBeDefined())
    expect(bridge.WatchSettings).toHaveBeenCalledWith('p2')
    expect(bridge.CardHistory.mock.calls).toEqual([['p2', 'database'], ['p2', 'atlas']])
    expect(watch.card('database')?.history.uptime24h.pct).toBe(99.5)
    expect(watch.cards.p1).toBeUndefined()
    expect(watch.selectedSettings?.checks).toHaveLength(2)
  })

  it('polls only the watched checks, at the shortest watched interval (bounded), and stops when nothing is watched', async () => {
    bridge.WatchSettings.mockResolvedValue(settingsResult({ database: 20 }))
    await w.loadSettings('p1')
    bridge.CardHistory.mockClear()
    await vi.advanceTimersByTimeAsync(19_000)
    expect(bridge.CardHistory).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1_500)
    expect(bridge.CardHistory.mock.calls).toEqual([['p1', 'database']])
    await vi.advanceTimersByTimeAsync(20_000)
    expect(bridge.CardHistory).toHaveBeenCalledTimes(2)

    bridge.SetWatch.mockResolvedValue(settingsResult())
    await w.saveSettings('p1', settings())
    bridge.CardHistory.mockClear()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(bridge.CardHistory).not.toHaveBeenCalled()
  })

  it('bounds the poll: never faster than 10 s, never slower than 60 s; 0 when nothing is watched', () => {
    expect(w.pollPeriodMs(undefined)).toBe(0)
    expect(w.pollPeriodMs(settings())).toBe(0)
    expect(w.pollPeriodMs(settings({ database: 1 }))).toBe(10_000)
    expect(w.pollPeriodMs(settings({ database: 45, atlas: 30 }))).toBe(30_000)
    expect(w.pollPeriodMs(settings({ atlas: 86400 }))).toBe(60_000)
  })

  it('stops the old profile poll on a switch', async () => {
    bridge.WatchSettings.mockImplementation(async (id: string) => settingsResult(id === 'p1' ? { database: 10 } : {}))
    await w.loadSettings('p1')
    await selectProfile('p2')
    await vi.advanceTimersByTimeAsync(0)
    bridge.CardHistory.mockClear()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(bridge.CardHistory).not.toHaveBeenCalled()
  })

  it('keeps a refused SetWatch out of the store and hands back Go\'s field errors', async () => {
    bridge.WatchSettings.mockResolvedValue(settingsResult({ database: 60 }))
    await w.loadSettings('p1')
    const fieldErrors = { 'checks.database.intervalSec': { code: 'watchInterval' } }
    bridge.SetWatch.mockResolvedValue(settingsResult({}, { ok: false, code: 'INVALID_INPUT', fieldErrors }))
    const bad = { ...settings({ database: 3 }) }
    const res = await w.saveSettings('p1', bad)
    expect(bridge.SetWatch).toHaveBeenCalledWith('p1', bad)
    expect(res.fieldErrors).toEqual(fieldErrors)
    expect(watch.settings.p1.settings.checks[0]).toMatchObject({ enabled: true, intervalSec: 60 })
  })

  it('keeps the settings in force when Go could not write them (WATCH_NOT_SAVED), and refreshes the cards', async () => {
    bridge.SetWatch.mockResolvedValue(settingsResult({ database: 30 }, { ok: false, code: 'WATCH_NOT_SAVED' }))
    const res = await w.saveSettings('p1', settings({ database: 30 }))
    expect(res.ok).toBe(false)
    expect(watch.settings.p1.settings.checks[0].enabled).toBe(true)
    expect(bridge.CardHistory).toHaveBeenCalledWith('p1', 'database')
  })

  it('asks for the strip again after a manual check of the card (the database alone when Atlas did not run)', async () => {
    bridge.Readiness.mockResolvedValue(undefined)
    bridge.CheckDatabase.mockResolvedValue({ ok: true, code: 'OK', checkedAt: '' })
    bridge.CardHistory.mockImplementation(async (_id: string, check: string) => card(check, { state: 'degraded' }))
    await checkDatabase('p1')
    await vi.waitFor(() => expect(watch.card('database')?.state).toBe('degraded'))
    expect(bridge.CardHistory.mock.calls).toEqual([['p1', 'database']])
  })

  it('turns a rejected or failed query into a code, keeping what the card showed', async () => {
    await w.refreshCard('p1', 'database')
    bridge.CardHistory.mockRejectedValueOnce(new Error('bridge gone'))
    const res = await w.refreshCard('p1', 'database')
    expect(res.code).toBe('BRIDGE_ERROR')
    expect(watch.card('database')).toMatchObject({ ok: false, code: 'BRIDGE_ERROR', state: 'up' })
    expect(watch.card('database')?.history.uptime24h.samples).toBe(200)

    bridge.CardHistory.mockRejectedValueOnce(new Error('x'))
    const first = await w.refreshCard('p1', 'atlas')
    expect(first).toMatchObject({ ok: false, state: 'unknown', history: { sparkline: [], incidents: [] } })
  })

  it('asks for a range in RFC 3339 without milliseconds, and exports through Go', async () => {
    bridge.CheckHistory.mockResolvedValue({ ok: true, code: 'OK', check: 'database', series: { points: [], incidents: [] } })
    await w.loadRange('p1', 'database', Date.UTC(2026, 0, 1, 0, 0, 0, 250), Date.UTC(2026, 0, 2))
    expect(bridge.CheckHistory).toHaveBeenCalledWith('p1', 'database', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')
    bridge.CheckHistory.mockRejectedValueOnce(new Error('x'))
    expect((await w.loadRange('p1', 'database', 0, 1000)).series.points).toEqual([])

    bridge.ExportHistory.mockResolvedValue({ ok: true, code: 'OK', message: '', params: {}, path: '/tmp/h.csv', rows: 3 })
    expect((await w.exportHistory('p1', 'database', 'csv')).rows).toBe(3)
    expect(bridge.ExportHistory).toHaveBeenCalledWith('p1', 'database', 'csv')
    bridge.ExportHistory.mockRejectedValueOnce(new Error('x'))
    expect((await w.exportHistory('p1', 'database', 'json')).code).toBe('BRIDGE_ERROR')
  })
})
