// The watch store: the only door to WatchSettings, SetWatch, CardHistory, CheckHistory and ExportHistory.
// It keeps each profile's watch settings (as Go has them in force) and each check's card view (state,
// uptimes, sparkline, incidents). A card's strip is asked again after a manual check of that card
// (checked()) and, while the selected profile watches something and the window is visible, on a modest
// poll (Go emits no event per sample). Go is the one validator of the settings.
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'
import { safeCall, withDeadline, type Failure } from '../lib/result'
import { onProfileSwitch, profiles } from './profiles.svelte'

export type CardHistory = models.main.CardHistoryResult
export type WatchSettingsResult = models.main.WatchSettingsResult
export type WatchSettings = models.watch.Settings
export type WatchCheck = models.main.WatchCheck
export type CheckHistory = models.main.CheckHistoryResult
export type ExportResult = models.main.ExportHistoryResult
export type Point = models.samples.Point
export type Incident = models.samples.Incident
export type WatchState = CardHistory['state']

/** The history queries are local SQLite reads; past this the bridge is presumed lost. */
const deadlineMs = 15_000
/** The poll follows the shortest watched interval, never faster than pollMinMs nor slower than pollMaxMs. */
export const pollMinMs = 10_000
export const pollMaxMs = 60_000

class Watch {
  /** settings: profile id → Go's last WatchSettings/SetWatch answer (the settings in force). */
  settings = $state.raw<Record<string, WatchSettingsResult>>({})
  /** cards: profile id → check → its card view. */
  cards = $state.raw<Record<string, Record<string, CardHistory>>>({})
  selectedSettings = $derived<WatchSettingsResult | undefined>(this.settings[profiles.selectedId])

  /** card is the selected profile's view of check. */
  card(check: string): CardHistory | undefined {
    return this.cards[profiles.selectedId]?.[check]
  }
}

export const watch = new Watch()

const emptyCard = (): models.samples.Card => ({
  uptime24h: { pct: 0, samples: 0 }, uptime7d: { pct: 0, samples: 0 }, uptime30d: { pct: 0, samples: 0 }, sparkline: [], incidents: [],
})
const settingsFallback = (f: Failure): WatchSettingsResult => ({
  ...f, fieldErrors: {}, settings: { notify: false, failuresToDown: 0, checks: [] }, checks: [], minIntervalSec: 0, maxIntervalSec: 0, maxFailures: 0,
})
const cardFallback = (check: string) => (f: Failure): CardHistory => ({
  ...f, check, state: 'unknown', watched: false, intervalSec: 0, degradedMs: 0, history: emptyCard(), checkedAt: '',
})

/** loadSettings asks Go how profileId is watched. */
export async function loadSettings(profileId: string): Promise<WatchSettingsResult> {
  const res = await safeCall(withDeadline(() => App.WatchSettings(profileId), deadlineMs), settingsFallback)
  if (res.ok) watch.settings = { ...watch.settings, [profileId]: res }
  if (profileId === profiles.selectedId) schedule()
  return res
}

/** saveSettings hands the settings to Go (the one validator). A refused one changes nothing and comes back
 * with its field errors; an accepted one replaces the kept settings and the cards are asked again. */
export async function saveSettings(profileId: string, s: WatchSettings): Promise<WatchSettingsResult> {
  const res = await safeCall(withDeadline(() => App.SetWatch(profileId, s), deadlineMs), settingsFallback)
  // Go answers with the settings in force after the call: kept even when it could not write watch.json.
  if (res.ok || res.code === 'WATCH_NOT_SAVED') {
    watch.settings = { ...watch.settings, [profileId]: res }
    if (profileId === profiles.selectedId) await loadCards(profileId)
  }
  return res
}

/** refreshCard asks Go for the card view of one check of profileId. */
export async function refreshCard(profileId: string, check: string): Promise<CardHistory> {
  const res = await safeCall(withDeadline(() => App.CardHistory(profileId, check), deadlineMs), cardFallback(check))
  // A failed query keeps what the card showed, with the failure's code beside it.
  const kept = watch.cards[profileId]?.[check]
  const next = res.ok || !kept ? res : { ...kept, ok: false, code: res.code, params: res.params }
  watch.cards = { ...watch.cards, [profileId]: { ...watch.cards[profileId], [check]: next } }
  return res
}

/** loadCards asks Go for the card view of every watchable check of profileId (Go's list). */
export async function loadCards(profileId: string): Promise<void> {
  if (!profileId) return
  const st = watch.settings[profileId] ?? (await loadSettings(profileId))
  await Promise.all((st.checks ?? []).map((c) => refreshCard(profileId, c.check)))
  if (profileId === profiles.selectedId) schedule()
}

/** checked is what a card's store says after a manual check: the run joined the history, the strip follows. */
export function checked(profileId: string, ...checks: string[]): void {
  for (const c of checks) void refreshCard(profileId, c)
}

/** loadRange asks Go for a check's history between from and to (ms since the epoch), for the chart. */
export function loadRange(profileId: string, check: string, from: number, to: number): Promise<CheckHistory> {
  const f = new Date(from).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const t = new Date(to).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return safeCall(withDeadline(() => App.CheckHistory(profileId, check, f, t), deadlineMs), (fail): CheckHistory => ({
    ...fail, check, series: { from: f, to: t, stepMs: 0, points: [], incidents: [] },
  }))
}

/** exportHistory has Go write everything kept of a check as csv or json (Go shows the save dialog).
 * No deadline: the dialog waits for the admin. */
export function exportHistory(profileId: string, check: string, format: 'csv' | 'json'): Promise<ExportResult> {
  return safeCall(() => App.ExportHistory(profileId, check, format), (f): ExportResult => ({ ...f, path: '', rows: 0 }))
}

/** pollPeriodMs is how often the strips of settings s are asked again: the shortest watched interval within
 * pollMinMs..pollMaxMs; 0 when nothing is watched. */
export function pollPeriodMs(s: WatchSettings | undefined): number {
  const watched = (s?.checks ?? []).filter((c) => c.enabled).map((c) => c.intervalSec * 1000)
  if (!watched.length) return 0
  return Math.min(pollMaxMs, Math.max(pollMinMs, Math.min(...watched)))
}

const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden'

let timer: ReturnType<typeof setTimeout> | undefined

/** schedule (re)starts the poll of the selected profile's watched checks; none when nothing is watched or
 * the window is hidden. */
function schedule(): void {
  if (timer !== undefined) clearTimeout(timer)
  timer = undefined
  const id = profiles.selectedId
  const st = watch.settings[id]?.settings
  const every = pollPeriodMs(st)
  if (!id || !every || !visible()) return
  timer = setTimeout(async () => {
    timer = undefined
    if (id !== profiles.selectedId) return
    const watched = (watch.settings[id]?.settings.checks ?? []).filter((c) => c.enabled)
    await Promise.all(watched.map((c) => refreshCard(id, c.check)))
    if (id === profiles.selectedId && timer === undefined) schedule()
  }, every)
}

/** stopPolling ends the poll (tests). */
export function stopPolling(): void {
  if (timer !== undefined) clearTimeout(timer)
  timer = undefined
}

// Hidden: no poll (Go keeps watching). Shown again: the strips catch up at once, then the poll resumes.
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (visible() && profiles.selectedId) void loadCards(profiles.selectedId)
    else schedule()
  })
}

// The selected profile's settings and cards come from Go on every switch; the poll follows the profile.
onProfileSwitch((id) => {
  stopPolling()
  if (id) void loadSettings(id).then(() => loadCards(id))
})
