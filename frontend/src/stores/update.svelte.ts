// The update-notice store: the only door to UpdateSettings, SaveUpdateSettings and CheckForUpdate, and to
// the browser for the release page. Off until the admin turns it on; then one check at start (Go asks the
// feed at most once a day and answers from the day's result otherwise).
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'
import { BrowserOpenURL } from '../../wailsjs/runtime/runtime'
import { safeCall, type Failure } from '../lib/result'

type Settings = models.update.Settings
type SettingsResult = models.update.SettingsResult
type Result = models.update.Result

class UpdateNotice {
  /** settings as stored; null until read. */
  settings = $state.raw<Settings | null>(null)
  /** defaultFeed is the feed used when the URL field is empty (shown as its placeholder). */
  defaultFeed = $state('')
  /** lastCheck is the last answer of CheckForUpdate (any code), null before the first. */
  lastCheck = $state.raw<Result | null>(null)
  /** dismissed hides the banner for the version the admin closed it for, until the next start. */
  dismissed = $state('')
}

export const updates = new UpdateNotice()

const bridgeFailure = (f: Failure): SettingsResult => ({
  ...f, fieldErrors: {}, settings: { enabled: false, feedUrl: '' }, defaultFeed: '',
})

export async function loadUpdateSettings(): Promise<SettingsResult> {
  const res = await safeCall(App.UpdateSettings, bridgeFailure)
  if (res.ok) {
    updates.settings = res.settings
    updates.defaultFeed = res.defaultFeed
  }
  return res
}

export async function saveUpdateSettings(s: Settings): Promise<SettingsResult> {
  const res = await safeCall(() => App.SaveUpdateSettings(s), bridgeFailure)
  if (res.ok) {
    updates.settings = res.settings
    updates.lastCheck = null
    if (res.settings.enabled) await checkForUpdate()
  }
  return res
}

/** checkForUpdate asks Go, which asks the feed only when the notice is on (and at most once a day). */
export async function checkForUpdate(): Promise<Result | null> {
  if (!updates.settings?.enabled) return null
  const res = await safeCall(
    App.CheckForUpdate,
    (f): Result => ({ code: f.code, message: f.message, current: '', feedUrl: '', checkedAt: '', cached: false, durationMs: 0 }),
  )
  updates.lastCheck = res
  return res
}

/** startUpdateNotice reads the settings and, when on, checks once. Called once at start. */
export async function startUpdateNotice(): Promise<void> {
  const res = await loadUpdateSettings()
  if (res.ok && res.settings.enabled) await checkForUpdate()
}

export function dismiss(version: string): void {
  updates.dismissed = version
}

/** openRelease opens the release page in the system browser; only absolute http(s) links. */
export function openRelease(url: string): boolean {
  if (!/^https?:\/\/[^/\s]+/i.test(url)) return false
  BrowserOpenURL(url)
  return true
}
