// The database store: the only door to CheckDatabase, CheckAtlas and LastResults. It runs the database
// check and (when the profile can ask Atlas) the Atlas lookup side by side, keeps the last results per
// profile, and refuses a second run of a profile while one is in flight.
import { derived, get, writable } from 'svelte/store'
import * as App from '../../wailsjs/go/main/App'
import { safeCall, type Outcome } from '../lib/result'
import { cardConfig } from './config'
import { profiles, saveProfile, selected, type SaveResult } from './profiles'

/** Mirrors backend/dbhealth.Stats (bytes as the server reports them). */
export interface DbStats {
  collections: number
  objects: number
  dataSize: number
  storageSize: number
  indexSize: number
}

/** Mirrors backend/dbhealth.Result. */
export interface DbResult extends Outcome {
  hint: string
  latencyMs: number
  connectMs: number
  reused: boolean
  connectedAt: string
  dbName: string
  host: string
  srv: boolean
  plan: string
  serverVersion: string
  stats: DbStats | null
  checkedAt: string
  durationMs: number
}

/** Mirrors backend/atlas.Result (the fields the card reads). */
export interface AtlasResult extends Outcome {
  hint: string
  clusterName: string
  instanceSize: string
  provider: string
  backingProvider: string
  flex: boolean
  state: string
  mongoDBVersion: string
  paused: boolean
  retryAfterSeconds: number
  checkedAt: string
  durationMs: number
}

export interface DatabaseResults {
  db?: DbResult
  atlas?: AtlasResult
}

export type { AtlasConfig } from './config'

/** bridgeDeadlineMs: the Go checks are bounded (10 s each); past this the bridge itself is presumed lost. */
export const bridgeDeadlineMs = 30_000

/** results: profile id → last database and Atlas results (this session's, or the ones kept in Go). */
export const results = writable<Record<string, DatabaseResults>>({})
/** running: profile id → a check is in flight. */
export const running = writable<Record<string, boolean>>({})

export const selectedResults = derived([results, selected], ([$r, $p]) => ($p ? $r[$p.id] : undefined))
export const selectedRunning = derived([running, selected], ([$r, $p]) => !!$p && $r[$p.id] === true)

/** atlasConfig is the selected profile's Atlas lookup state, as Go's Readiness says. */
export const atlasConfig = derived(cardConfig, ($c) => $c.atlas)

/** withDeadline rejects when call has not settled in ms, so a lost bridge becomes BRIDGE_ERROR, not a spinner forever. */
function withDeadline<T>(call: () => Promise<T>, ms: number): () => Promise<T> {
  return () =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bridge deadline')), ms)
      call().then(
        (v) => {
          clearTimeout(timer)
          resolve(v)
        },
        (e) => {
          clearTimeout(timer)
          reject(e)
        },
      )
    })
}

const dbFallback = (o: Outcome): DbResult => ({
  ...o, hint: '', latencyMs: 0, connectMs: 0, reused: false, connectedAt: '', dbName: '', host: '', srv: false,
  plan: '', serverVersion: '', stats: null, checkedAt: new Date().toISOString(), durationMs: 0,
})
const atlasFallback = (o: Outcome): AtlasResult => ({
  ...o, hint: '', clusterName: '', instanceSize: '', provider: '', backingProvider: '', flex: false, state: '',
  mongoDBVersion: '', paused: false, retryAfterSeconds: 0, checkedAt: new Date().toISOString(), durationMs: 0,
})

/** atlasReady is Go's answer (Readiness) to "can this profile ask Atlas"; a lost bridge asks nothing. */
async function atlasReady(profileId: string): Promise<boolean> {
  try {
    return (await App.Readiness(profileId)).atlas.ready
  } catch {
    return false
  }
}

/**
 * checkDatabase runs the checks of one profile. A call while that profile's check runs does nothing and
 * returns false. The Atlas lookup runs only when the profile can ask Atlas; otherwise its old result is
 * dropped (the card shows the configuration state instead).
 */
export async function checkDatabase(profileId: string): Promise<boolean> {
  if (!profileId || get(running)[profileId]) return false
  running.update((r) => ({ ...r, [profileId]: true }))
  try {
    const [db, atlas] = await Promise.all([
      safeCall(withDeadline(() => App.CheckDatabase(profileId) as unknown as Promise<DbResult>, bridgeDeadlineMs), dbFallback),
      atlasReady(profileId).then((ask) =>
        ask ? safeCall(withDeadline(() => App.CheckAtlas(profileId) as unknown as Promise<AtlasResult>, bridgeDeadlineMs), atlasFallback) : undefined,
      ),
    ])
    results.update((all) => ({ ...all, [profileId]: { db, atlas } }))
  } finally {
    running.update((r) => ({ ...r, [profileId]: false }))
  }
  return true
}

/**
 * loadLastResults fills a profile's results with the ones Go kept from earlier runs (after a restart). A
 * result already in this session wins; a failed call leaves the card at "not checked".
 */
export async function loadLastResults(profileId: string): Promise<void> {
  if (!profileId || get(results)[profileId]) return
  const kept = await safeCall(
    withDeadline(() => App.LastResults(profileId) as Promise<Record<string, unknown>>, bridgeDeadlineMs),
    () => ({}) as Record<string, unknown>,
  )
  const db = kept?.database as DbResult | undefined
  const atlas = kept?.atlas as AtlasResult | undefined
  if (!db && !atlas) return
  results.update((all) => (all[profileId] ? all : { ...all, [profileId]: { db, atlas } }))
}

/** setStats turns the profile's database statistics on or off (saved in the profile; off by default). */
export async function setStats(profileId: string, on: boolean): Promise<SaveResult> {
  const p = get(profiles).find((x) => x.id === profileId)
  if (!p) return { ok: false, code: 'PROFILE_NOT_FOUND', message: '' }
  return saveProfile({ ...p, features: { ...p.features, dbStats: on } })
}
