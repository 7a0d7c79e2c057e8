// Check all (فحص الكل): every check the profile can run — the database (+ Atlas), the Pusher credentials
// and the live test, the site's reachability (the route's dry run) and the storefront pages — started together. Each goes
// through its card's own store, so each card updates the moment its own answer arrives and the whole run
// takes about as long as the slowest check, not the sum. The status is kept per profile: the bar shows the
// selected profile's, so a switch never shows another profile's "checked all".
import { checkDatabase } from './database.svelte'
import { liveTest, validate } from './realtime.svelte'
import { testConnection } from './revalidate.svelte'
import { checkPages } from './pages.svelte'
import { refreshReadiness } from './readiness.svelte'
import type { Failure } from '../lib/result'

/** RunStatus is one profile's last check-all. */
export interface RunStatus {
  /** running: a check-all of the profile is in flight (the button is disabled; a second click does nothing). */
  running: boolean
  /** durationMs: wall time of the last finished check-all; null before one finished. */
  durationMs: number | null
  /** nothing: the last check-all found no card of the profile set up, so it ran nothing. */
  nothing: boolean
  /** failure: why Go could not say what the profile has (keychain locked, ...); null when it could. */
  failure: Failure | null
}

const idle: RunStatus = { running: false, durationMs: null, nothing: false, failure: null }

class CheckAll {
  /** byProfile: profile id → its last check-all. */
  byProfile = $state.raw<Record<string, RunStatus>>({})

  /** of is a profile's status (idle when it never ran). */
  of(profileId: string): RunStatus {
    return this.byProfile[profileId] ?? idle
  }
}

export const checkAllState = new CheckAll()

function set(profileId: string, s: RunStatus) {
  checkAllState.byProfile = { ...checkAllState.byProfile, [profileId]: s }
}

/**
 * checkAll runs every check profileId can run, concurrently. A card that is not configured is skipped (it
 * says what it needs); when none is, nothing runs and the status says so. Returns false when a check-all
 * of the profile is already running.
 */
export async function checkAll(profileId: string): Promise<boolean> {
  if (!profileId || checkAllState.of(profileId).running) return false
  set(profileId, { ...idle, running: true })
  const started = performance.now()
  // Asked now, not the last answer: a check-all right after a start must not skip a card Go has not
  // answered for yet. (safeCall inside: a lost bridge is an answer, not a throw.)
  const cfg = await refreshReadiness(profileId)
  if (!cfg.ok) {
    set(profileId, { ...idle, failure: { ok: false, code: cfg.code, message: cfg.message, params: {} } })
    return true
  }
  const jobs: Promise<unknown>[] = []
  if (cfg.database.ready) jobs.push(checkDatabase(profileId))
  if (cfg.realtime.ready) jobs.push(validate(profileId), liveTest(profileId))
  if (cfg.revalidate.ready) jobs.push(testConnection())
  if (cfg.pages.ready) jobs.push(checkPages(profileId))
  // allSettled: one card's failure (even a rejected promise) must not hide the others' results.
  await Promise.allSettled(jobs)
  set(profileId, { ...idle, durationMs: jobs.length ? performance.now() - started : null, nothing: jobs.length === 0 })
  return true
}
