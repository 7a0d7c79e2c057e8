// Check all (فحص الكل): the database (+ Atlas), Pusher credentials, site reachability and storefront pages checks of one
// profile, started together. Each goes through its card's own store, so each card updates the moment its
// own answer arrives and the whole run takes about as long as the slowest check, not the sum.
import { checkDatabase } from './database.svelte'
import { validate } from './realtime.svelte'
import { testConnection } from './revalidate.svelte'
import { checkPages } from './pages.svelte'
import { refreshReadiness } from './readiness.svelte'

class CheckAll {
  /** running: a check-all is in flight (the button is disabled; a second click does nothing). */
  running = $state(false)
  /** lastDurationMs: wall time of the last check-all, for the status line. */
  lastDurationMs = $state<number | null>(null)
}

export const checkAllState = new CheckAll()

/**
 * checkAll runs the configured checks of profileId concurrently. A check whose card is not configured is
 * skipped (its card already says what is missing). Returns false when a check-all is already running.
 */
export async function checkAll(profileId: string): Promise<boolean> {
  if (!profileId || checkAllState.running) return false
  checkAllState.running = true
  checkAllState.lastDurationMs = null
  const started = performance.now()
  try {
    // Asked now, not the last answer: a check-all right after a start must not skip a card Go has not
    // answered for yet.
    const cfg = await refreshReadiness(profileId)
    const jobs: Promise<unknown>[] = []
    if (cfg.database.ready) jobs.push(checkDatabase(profileId))
    if (cfg.realtime.ready) jobs.push(validate(profileId))
    if (cfg.revalidate.ready) jobs.push(testConnection())
    if (cfg.pages.ready) jobs.push(checkPages(profileId))
    // allSettled: one card's failure (even a rejected promise) must not hide the others' results.
    await Promise.allSettled(jobs)
  } finally {
    checkAllState.lastDurationMs = performance.now() - started
    checkAllState.running = false
  }
  return true
}
