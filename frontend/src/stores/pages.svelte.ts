// The pages store: the only door to CheckPages and the kept storefront result. It runs the storefront
// pages check of a profile, keeps the last result per profile, and refuses a second run of a profile while
// one is in flight.
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'
import { safeCall, withDeadline, type Failure } from '../lib/result'
import { onProfileSwitch, profiles } from './profiles.svelte'
import { checked } from './watch.svelte'

export type PagesResult = models.pages.Result
export type PageResult = models.pages.Page

/** bridgeDeadlineMs: Go bounds a run (25 s); past this the bridge itself is presumed lost. */
export const bridgeDeadlineMs = 30_000

class Pages {
  /** results: profile id → last pages result (this session's, or the one kept in Go). */
  results = $state.raw<Record<string, PagesResult>>({})
  /** running: profile id → a check is in flight. */
  running = $state.raw<Record<string, boolean>>({})
  selected = $derived<PagesResult | undefined>(this.results[profiles.selectedId])
  selectedRunning = $derived(!!profiles.selectedId && this.running[profiles.selectedId] === true)
}

export const pages = new Pages()

const fallback = (f: Failure): PagesResult => ({
  ...f, level: 'down', hint: '', siteUrl: '', pages: [], checkedAt: new Date().toISOString(), durationMs: 0,
})

function setRunning(id: string, on: boolean) {
  pages.running = { ...pages.running, [id]: on }
}

/** checkPages runs the storefront check of one profile; a call while that profile's check runs returns false. */
export async function checkPages(profileId: string): Promise<boolean> {
  if (!profileId || pages.running[profileId]) return false
  setRunning(profileId, true)
  try {
    const res = await safeCall(withDeadline(() => App.CheckPages(profileId), bridgeDeadlineMs), fallback)
    pages.results = { ...pages.results, [profileId]: res }
    checked(profileId, 'pages')
  } finally {
    setRunning(profileId, false)
  }
  return true
}

/** loadLastPages fills a profile's result with the one Go kept (after a restart); this session's wins. */
export async function loadLastPages(profileId: string): Promise<void> {
  if (!profileId || pages.results[profileId]) return
  const kept = await safeCall(withDeadline(() => App.LastResults(profileId), bridgeDeadlineMs), (): models.main.LastResults => ({}))
  if (!kept.pages || pages.results[profileId]) return
  pages.results = { ...pages.results, [profileId]: kept.pages }
}

// A profile's kept result comes back from Go once it is selected.
onProfileSwitch((id) => void loadLastPages(id))
