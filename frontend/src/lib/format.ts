// Display formats for figures the cards show (Arabic with Latin digits, like i18n.ms).
import { ltr, perLocale, t } from '../i18n'

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
  return `${number().format(v)}\u00a0${t(`database.units.${units[i]}`)}` // no-break: a figure keeps its unit on a wrap
}

/** count formats a plain count (collections, documents). */
export function count(n: number): string {
  return integer().format(n || 0)
}

// The one date and time format of the app (cards, incidents, the run log, the footer): the admin's local time
// as 2026-12-01 14:15:55, in both languages — the form of the log file and diagnostics.json, so a time on a
// card can be looked up there, and no month name or AM/PM mark to misread. Left to right in Arabic as well
// (isolated), so it reads exactly like the log line. Built from Date's own fields, not
// Intl.DateTimeFormat: the first DateTimeFormat loads ICU's calendar and pattern data into WebKitWebProcess
// (bench/desktop: 3.3 MiB of idle PSS, for the footer's build date alone).
const two = (n: number) => String(n).padStart(2, '0')
/** time formats an RFC 3339 time from Go; "" for a missing, unparsable or zero time. */
export function time(iso: string): string {
  const d = new Date(iso)
  if (!iso || Number.isNaN(d.getTime()) || d.getUTCFullYear() <= 1) return ''
  const date = `${String(d.getFullYear()).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
  return ltr(`${date} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`) // date before time in Arabic too
}

/** day is the date of an RFC 3339 time as written, in the same form (Go stamps the build date in UTC):
 * 2026-12-01; "" when iso is not such a time. Read from the text, with no Date: turning a time into local time
 * loads ICU's time-zone code into WebKitWebProcess (bench/desktop: 1.4 MiB of idle PSS), which the footer of
 * an idle window has no need for; the cards' times pay it once they show a result. */
export function day(iso: string): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T\d{2}:\d{2}/.exec(iso)
  return m && m[1] !== '0001' ? ltr(`${m[1]}-${m[2]}-${m[3]}`) : ''
}

const percent = perLocale((loc) => new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 2 }))
/** pct formats a 0..100 share (an uptime): 99.5 → "99.5%". */
export function pct(n: number): string {
  return percent().format((n || 0) / 100)
}
