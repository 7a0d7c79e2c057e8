// How old a shown result is. A result is old when it comes from before this run of the app (kept in Go's
// last-results.json and shown after a restart) or is older than OLD_AFTER_MS; the card then says so with
// its age in the admin's language (Intl.RelativeTimeFormat).
import { perLocale } from '../i18n'

/** OLD_AFTER_MS: a result older than an hour is marked old even within one run. */
export const OLD_AFTER_MS = 60 * 60 * 1000

/** runStarted: when this run of the app (its window's page) started. Results checked before it were kept
 * from an earlier run. */
export const runStarted = performance.timeOrigin || Date.now()

class Clock {
  /** now: the time, refreshed every 30 s while something shows an age. */
  now = $state(Date.now())
}
const clock = new Clock()
let ticking: ReturnType<typeof setInterval> | undefined

/** now is the clock's time; the first call starts the 30 s tick. */
export function now(): number {
  ticking ??= setInterval(() => (clock.now = Date.now()), 30_000)
  return clock.now
}

export type Age = { old: false } | { old: true; why: 'previousRun' | 'threshold'; age: string }

const relative = perLocale((loc) => new Intl.RelativeTimeFormat(loc, { numeric: 'auto' }))

/** ago says the time from then to at, in the language: "قبل 3 ساعات", "3 hours ago". */
export function ago(then: number, at: number): string {
  const s = Math.round((then - at) / 1000) // negative: in the past
  const a = Math.abs(s)
  if (a < 60) return relative().format(s, 'second')
  if (a < 3600) return relative().format(Math.round(s / 60), 'minute')
  if (a < 86400) return relative().format(Math.round(s / 3600), 'hour')
  return relative().format(Math.round(s / 86400), 'day')
}

/** ageOf says whether a result checked at iso is old at the time at, and why. A missing or zero time is
 * not old (nothing is claimed). */
export function ageOf(iso: string, at: number, started: number = runStarted): Age {
  const then = new Date(iso).getTime()
  if (!iso || Number.isNaN(then) || new Date(iso).getUTCFullYear() <= 1) return { old: false }
  if (then < started) return { old: true, why: 'previousRun', age: ago(then, at) }
  if (at - then > OLD_AFTER_MS) return { old: true, why: 'threshold', age: ago(then, at) }
  return { old: false }
}
