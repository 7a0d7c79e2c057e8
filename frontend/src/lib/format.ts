// Display formats for figures the cards show (Arabic with Latin digits, like i18n.ms).
import { perLocale, t } from '../i18n'

// Built on first use, per language: see onFirstUse.
const number = perLocale((loc) => new Intl.NumberFormat(loc, { maximumFractionDigits: 1 }))
const integer = perLocale((loc) => new Intl.NumberFormat(loc))
const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** bytes formats a byte count with a 1024 step: 1536 → "1.5 ك.بايت". */
export function bytes(n: number): string {
  let v = Math.max(0, n || 0)
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${number().format(v)} ${t(`database.units.${units[i]}`)}`
}

/** count formats a plain count (collections, documents). */
export function count(n: number): string {
  return integer().format(n || 0)
}

// The one date and time format of the app (cards, the run log, the footer): the admin's language, Latin digits.
const when = perLocale((loc) => new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'medium' }))
/** time formats an RFC 3339 time from Go; "" for a missing, unparsable or zero time. */
export function time(iso: string): string {
  const d = new Date(iso)
  if (!iso || Number.isNaN(d.getTime()) || d.getUTCFullYear() <= 1) return ''
  return when().format(d)
}

const percent = perLocale((loc) => new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 2 }))
/** pct formats a 0..100 share (an uptime): 99.5 → "99.5%". */
export function pct(n: number): string {
  return percent().format((n || 0) / 100)
}
