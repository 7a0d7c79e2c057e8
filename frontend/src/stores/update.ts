// The update-notice store: the only door to UpdateSettings, SaveUpdateSettings and CheckForUpdate, and to
// the browser for the release page. Off until the admin turns it on; then one check at start (Go asks the
// feed at most once a day and answers from the day's result otherwise).
import { get, writable } from 'svelte/store'
import * as App from '../../wailsjs/go/main/App'
import { BrowserOpenURL } from '../../wailsjs/runtime/runtime'
import { update } from '../../wailsjs/go/models'
import { safeCall } from '../lib/result'

export type UpdateSettings = update.Settings
export type UpdateSettingsResult = update.SettingsResult
export type UpdateResult = update.Result

/** settings as stored; null until read. */
export const updateSettings = writable<UpdateSettings | null>(null)
/** defaultFeed is the feed used when the URL field is empty (shown as its placeholder). */
export const defaultFeed = writable('')
/** lastCheck is the last answer of CheckForUpdate (any code), null before the first. */
export const lastCheck = writable<UpdateResult | null>(null)
/** dismissed hides the banner for the version the admin closed it for, until the next start. */
export const dismissed = writable('')

const bridgeFailure = (o: { code: string; message: string }): UpdateSettingsResult =>
  ({ ok: false, code: o.code, message: o.message, fieldErrors: {}, settings: { enabled: false, feedUrl: '' }, defaultFeed: '' }) as UpdateSettingsResult

export async function loadUpdateSettings(): Promise<UpdateSettingsResult> {
  const res = await safeCall(() => App.UpdateSettings(), bridgeFailure)
  if (res.ok) {
    updateSettings.set(res.settings)
    defaultFeed.set(res.defaultFeed)
  }
  return res
}

export async function saveUpdateSettings(s: UpdateSettings): Promise<UpdateSettingsResult> {
  const res = await safeCall(() => App.SaveUpdateSettings(update.Settings.createFrom(s)), bridgeFailure)
  if (res.ok) {
    updateSettings.set(res.settings)
    lastCheck.set(null)
    if (res.settings.enabled) await checkForUpdate()
  }
  return res
}

/** checkForUpdate asks Go, which asks the feed only when the notice is on (and at most once a day). */
export async function checkForUpdate(): Promise<UpdateResult | null> {
  if (!get(updateSettings)?.enabled) return null
  const res = await safeCall(
    () => App.CheckForUpdate(),
    (o) => ({ code: o.code, message: o.message, current: '', feedUrl: '', cached: false, durationMs: 0 }) as unknown as UpdateResult,
  )
  lastCheck.set(res)
  return res
}

/** startUpdateNotice reads the settings and, when on, checks once. Called once at start. */
export async function startUpdateNotice(): Promise<void> {
  const res = await loadUpdateSettings()
  if (res.ok && res.settings.enabled) await checkForUpdate()
}

export function dismiss(version: string): void {
  dismissed.set(version)
}

/** openRelease opens the release page in the system browser; only absolute http(s) links. */
export function openRelease(url: string): boolean {
  if (!/^https?:\/\/[^/\s]+/i.test(url)) return false
  BrowserOpenURL(url)
  return true
}
