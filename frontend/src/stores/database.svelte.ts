// The database store: the only door to CheckDatabase, CheckAtlas and the kept database results. It runs the
// database check and (when the profile can ask Atlas) the Atlas lookup side by side, keeps the last results
// per profile, and refuses a second run of a profile while one is in flight.
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'
import { safeCall, withDeadline, type Failure } from '../lib/result'
import { onProfileSwitch, profiles, saveProfile, zeroProfile } from './profiles.svelte'
import { readiness } from './readiness.svelte'
import { checked } from './watch.svelte'

/** The results the card shows: the same shape Go keeps them in. */
export type DatabaseResults = Pick<models.main.LastResults, 'database' | 'atlas'>

/** bridgeDeadlineMs: the Go checks are bounded (10 s each); past this the bridge itself is presumed lost. */
export const bridgeDeadlineMs = 30_000

class Database {
  /** results: profile id → last database and Atlas results (this session's, or the ones kept in Go). */
  results = $state.raw<Record<string, DatabaseResults>>({})
  /** running: profile id → a check is in flight. */
  running = $state.raw<Record<string, boolean>>({})
  selected = $derived<DatabaseResults | undefined>(this.results[profiles.selectedId])
  selectedRunning = $derived(!!profiles.selectedId && this.running[profiles.selectedId] === true)
}

export const database = new Database()

const now = () => new Date().toISOString()
const dbFallback = (f: Failure): models.dbhealth.Result => ({
  ...f, hint: '', latencyMs: 0, connectMs: 0, reused: false, connectedAt: '', dbName: '', host: '', srv: false,
  plan: '', serverVersion: '', checkedAt: now(), durationMs: 0,
})
const atlasFallback = (f: Failure): models.atlas.Result => ({
  ...f, hint: '', clusterName: '', instanceSize: '', provider: '', backingProvider: '', flex: false, state: '',
  mongoDBVersion: '', paused: false, httpStatus: 0, atlasErrorCode: '', retryAfterSeconds: 0,
  phases: { dnsMs: 0, connectMs: 0, tlsMs: 0, firstByteMs: 0, reused: false }, checkedAt: now(), durationMs: 0,
})

function setRunning(id: string, on: boolean) {
  database.running = { ...database.running, [id]: on }
}

/**
 * checkDatabase runs the checks of one profile. A call while that profile's check runs does nothing and
 * returns false. The Atlas lookup runs only when the profile can ask Atlas; otherwise its old result is
 * dropped (the card shows the configuration state instead).
 */
export async function checkDatabase(profileId: string): Promise<boolean> {
  if (!profileId || database.running[profileId]) return false
  setRunning(profileId, true)
  try {
    // Go's last readiness answer (kept current on every switch and re-read), the one the card shows.
    const askAtlas = readiness.of(profileId).atlas.ready
    const [db, atlas] = await Promise.all([
      safeCall(withDeadline(() => App.CheckDatabase(profileId), bridgeDeadlineMs), dbFallback),
      askAtlas ? safeCall(withDeadline(() => App.CheckAtlas(profileId), bridgeDeadlineMs), atlasFallback) : undefined,
    ])
    database.results = { ...database.results, [profileId]: { database: db, atlas } }
    checked(profileId, 'database', ...(askAtlas ? ['atlas'] : []))
  } finally {
    setRunning(profileId, false)
  }
  return true
}

/**
 * loadLastResults fills a profile's results with the ones Go kept from earlier runs (after a restart). A
 * result already in this session wins; a failed call leaves the card at "not checked".
 */
export async function loadLastResults(profileId: string): Promise<void> {
  if (!profileId || database.results[profileId]) return
  const kept = await safeCall(withDeadline(() => App.LastResults(profileId), bridgeDeadlineMs), (): models.main.LastResults => ({}))
  if (!kept.database && !kept.atlas) return
  if (database.results[profileId]) return
  database.results = { ...database.results, [profileId]: { database: kept.database, atlas: kept.atlas } }
}

// A profile's kept results come back from Go once it is selected (after a restart, say).
onProfileSwitch((id) => void loadLastResults(id))

/** setStats turns the profile's database statistics on or off (saved in the profile; off by default). */
export async function setStats(profileId: string, on: boolean): Promise<models.settings.ProfileResult> {
  const p = profiles.byId(profileId)
  if (!p) return { ok: false, code: 'PROFILE_NOT_FOUND', message: '', params: {}, fieldErrors: {}, profile: zeroProfile() }
  return saveProfile({ ...p, features: { ...p.features, dbStats: on } })
}
