// The one Arabic catalog: every string the UI shows comes from i18n/ar/*. Components call t('area.key').
import { common } from './ar/common'
import { settings } from './ar/settings'
import { database } from './ar/database'
import { realtime } from './ar/realtime'
import { revalidate } from './ar/revalidate'
import { diagnostics } from './ar/diagnostics'
import { update } from './ar/update'

type Tree = { [key: string]: string | Tree }

export const catalog: Tree = { common, settings, database, realtime, revalidate, diagnostics, update }

function lookup(path: string): string | undefined {
  let node: string | Tree | undefined = catalog
  for (const part of path.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** t returns the Arabic text for key, with {name} placeholders filled; a missing key shows itself. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = lookup(key) ?? key
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

/** has reports whether the catalog holds key (used to fall back from a specific code label to a generic one). */
export function has(key: string): boolean {
  return lookup(key) !== undefined
}

/** LOCALE formats numbers and dates: Arabic, with Latin digits everywhere (WebKit and Chromium default to
 * different digit sets for plain 'ar', and figures sit next to Latin units such as ms). */
export const LOCALE = 'ar-u-nu-latn'

/**
 * onFirstUse builds a value the first time it is asked for. For Intl formatters: building one loads ICU's
 * Arabic locale data into WebKitWebProcess (~4 MiB measured by bench/desktop), which a view showing no
 * figure (the first start's settings form) has no need for.
 */
export function onFirstUse<T>(make: () => T): () => T {
  let value: T | undefined
  return () => (value ??= make())
}

const numberFormat = onFirstUse(() => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }))
/** ms formats a millisecond figure for display. */
export function ms(value: number): string {
  return `${numberFormat().format(value)} ms`
}

/** codeLabel gives the label of a result code in an area, falling back to common codes, then the code itself. */
export function codeLabel(area: string, code: string): string {
  if (has(`${area}.codes.${code}`)) return t(`${area}.codes.${code}`)
  if (has(`common.codes.${code}`)) return t(`common.codes.${code}`)
  return code
}
