// The words the E2E expects come from the same catalogs the app shows (backend/i18n/catalog), in the
// language of the run: SIYANA_E2E_LANG=ar (default) or en. openApp sets it through the app's own switch
// (the persisted setting in the dev bridge's config dir), so each spec reads the page in that language.
import ar from '../../backend/i18n/catalog/ar.json'
import en from '../../backend/i18n/catalog/en.json'

export type Lang = 'ar' | 'en'
export const LANG: Lang = process.env.SIYANA_E2E_LANG === 'en' ? 'en' : 'ar'

type Tree = { [key: string]: string | Tree }
const catalog = (LANG === 'en' ? en : ar) as Tree

/** word is the catalog text of key in the run's language, placeholders left as they are, no-break spaces as
 * spaces (as plain() reads the page). */
export function word(key: string): string {
  let node: string | Tree | undefined = catalog
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  if (typeof node !== 'string') throw new Error(`no catalog key ${key}`)
  return node.replace(/\u00a0/g, ' ')
}

/** fill is key's text with {name} placeholders filled (plain: no isolation marks). */
export function fill(key: string, params: Record<string, string | number>): string {
  return word(key).replace(/\{(\w+)\}/g, (m, n: string) => (n in params ? String(params[n]) : m))
}

/** pattern matches key's text with any value in each placeholder (anchored). */
export function pattern(key: string, value = '.+?'): RegExp {
  const parts = word(key).split(/\{\w+(?::\w+)?\}/)
  return new RegExp('^' + parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(`(${value})`) + '$')
}

/** plain drops the Unicode isolation marks the app puts around values and Latin runs (they are invisible). */
export function plain(s: string): string {
  return s.replace(/[\u2066-\u2069]/g, '').replace(/\u00a0/g, ' ') // isolates dropped, no-break spaces (a figure and its unit) as spaces
}
