// Every word the UI shows comes from the catalogs in backend/i18n/catalog (one JSON file per language, the
// same files Go embeds). Components call t('area.key', params); results from Go are said from their code and
// params with say() and fieldText(), never from a sentence Go wrote.
import { isRTL, lang, type Lang } from './lang.svelte'

export { lang, useLanguage, isLang, LANGUAGES, DEFAULT_LANG, type Lang } from './lang.svelte'

type Tree = { [key: string]: string | Tree }
export type Params = Record<string, string | number | undefined>

// Each catalog is its own chunk, fetched the first time its language is used (stores/language loads it
// before switching): the page holds the language it speaks, not both (bench/desktop: about 0.5 MiB of idle
// PSS in WebKitWebProcess for the second catalog).
const loaders: Record<Lang, () => Promise<{ default: Tree }>> = {
  ar: () => import('../../../backend/i18n/catalog/ar.json'),
  en: () => import('../../../backend/i18n/catalog/en.json'),
}

/** catalogs holds each language loaded so far. */
export const catalogs: Partial<Record<Lang, Tree>> = {}

/** loadCatalog fetches l's catalog once; call it before useLanguage(l). */
export async function loadCatalog(l: Lang): Promise<void> {
  catalogs[l] ??= (await loaders[l]()).default
}

function lookup(l: Lang, path: string): string | undefined {
  let node: string | Tree | undefined = catalogs[l]
  for (const part of path.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

// Bidi isolation (Unicode's plain-text <bdi>): FSI…PDI around every filled-in value, LRI…PDI around Latin
// runs (URLs, codes, variable names, %40, host:port) inside right-to-left text, so "mongodb://", "%40" or a
// path with "(layout)" are not reordered by the surrounding Arabic.
const FSI = '\u2068'
const LRI = '\u2066'
const PDI = '\u2069'
export const ISOLATES = /[\u2066-\u2069]/g

/** isolate wraps a value so it keeps its own direction wherever it is shown. */
export function isolate(v: string): string {
  return v === '' ? v : FSI + v + PDI
}

/** ltr wraps a left-to-right value (a figure with its unit, a URL) for right-to-left text. */
export function ltr(v: string): string {
  return v === '' ? v : LRI + v + PDI
}

const latinRun = /[!-~]*[A-Za-z0-9%][!-~]*(?: [!-~]*[A-Za-z0-9%][!-~]*)*/g
const opens = '("\'«['
const closes = '.,;:!?)"\'»]،؛'

function count(s: string, c: string): number {
  return s.split(c).length - 1
}

// isolateLatin marks each Latin run of a right-to-left sentence; sentence punctuation and an unmatched
// bracket at its edges stay outside, where the Arabic text around them places them.
function isolateLatin(text: string): string {
  return text.replace(latinRun, (run) => {
    let head = ''
    let tail = ''
    let core = run
    while (core && opens.includes(core[0]) && !(core[0] === '(' && count(core, '(') <= count(core, ')'))) {
      head += core[0]
      core = core.slice(1)
    }
    while (core && closes.includes(core[core.length - 1]) && !(core.endsWith(')') && count(core, ')') <= count(core, '('))) {
      tail = core[core.length - 1] + tail
      core = core.slice(0, -1)
    }
    return /[A-Za-z0-9%]/.test(core) ? head + ltr(core) + tail : run
  })
}

const plurals = new Map<Lang, Intl.PluralRules>()
function pluralCategory(l: Lang, n: number): string {
  let rules = plurals.get(l)
  if (!rules) plurals.set(l, (rules = new Intl.PluralRules(l)))
  return rules.select(n)
}

const placeholder = /\{(\w+)(?::(\w+))?\}/g

/** t returns key's text in the current language with its placeholders filled: {name} with params.name
 * (isolated), {name:form} with the count params.name said in the language's plural form plural.<form>.*
 * (Intl.PluralRules: Arabic has zero, one, two, few, many and other). A missing key shows itself. */
export function t(key: string, params: Params = {}): string {
  const l = lang.current
  const text = lookup(l, key) ?? lookup('ar', key)
  if (text === undefined) return key
  const literal = isRTL(l) ? isolateLatin : (s: string) => s
  let out = ''
  let last = 0
  for (const m of text.matchAll(placeholder)) {
    out += literal(text.slice(last, m.index)) + fill(l, m[0], m[1], m[2], params)
    last = m.index + m[0].length
  }
  return out + literal(text.slice(last))
}

function fill(l: Lang, raw: string, name: string, form: string | undefined, params: Params): string {
  const v = params[name]
  if (v === undefined) return raw
  if (!form) return isolate(String(v))
  const phrase = lookup(l, `plural.${form}.${pluralCategory(l, Number(v))}`) ?? lookup(l, `plural.${form}.other`)
  return phrase ? phrase.replace('{n}', String(v)) : String(v)
}

/** list joins values with the language's separator, each isolated (names, origins, variable names). */
export function list(values: readonly string[]): string {
  return values.map(isolate).join(t('common.listSeparator'))
}

/** has reports whether the current catalog holds key. */
export function has(key: string): boolean {
  return lookup(lang.current, key) !== undefined
}

/** locale formats numbers and dates: Arabic with Latin digits (WebKit and Chromium default to different
 * digit sets for plain 'ar', and figures sit next to Latin units such as ms), or English. */
export function locale(): string {
  return lang.current === 'ar' ? 'ar-u-nu-latn' : 'en'
}

/**
 * onFirstUse builds a value the first time it is asked for. For Intl formatters: building one loads ICU's
 * Arabic locale data into WebKitWebProcess (~4 MiB measured by bench/desktop), which a view showing no
 * figure (the first start's settings form) has no need for.
 */
export function onFirstUse<T>(make: () => T): () => T {
  let value: T | undefined
  return () => (value ??= make())
}

/** perLocale is onFirstUse per language: a formatter built for the current locale the first time it is needed. */
export function perLocale<T>(make: (locale: string) => T): () => T {
  const built = new Map<string, T>()
  return () => {
    const loc = locale()
    let v = built.get(loc)
    if (v === undefined) built.set(loc, (v = make(loc)))
    return v
  }
}

const numberFormat = perLocale((loc) => new Intl.NumberFormat(loc, { maximumFractionDigits: 2 }))
/** ms formats a millisecond figure for display, isolated so "4.96 ms" never reads "ms 4.96". */
export function ms(value: number): string {
  return ltr(`${numberFormat().format(value)}\u00a0ms`) // a no-break space: a wrapped line never splits 0 | ms
}

/** codeLabel gives the label of a result code: the area's own, else the code's, else the code itself. */
export function codeLabel(area: string, code: string): string {
  if (has(`${area}.codes.${code}`)) return t(`${area}.codes.${code}`)
  if (has(`code.${code}.label`)) return t(`code.${code}.label`)
  return code
}

/** A result as Go returns it: a stable code and the params of its sentence. */
export interface Said {
  code: string
  params?: Record<string, string> | null
}

/** message is the sentence for a result of area (the same rule as Go's i18n.MessageKey): the reason's
 * sentence (area.why.<reason>), else the area's sentence for the code (area.msg.<code>), else its label. */
export function message(area: string, r: Said): string {
  const p = r.params ?? {}
  if (p.reason && has(`${area}.why.${p.reason}`)) return t(`${area}.why.${p.reason}`, p)
  if (has(`${area}.msg.${r.code}`)) return t(`${area}.msg.${r.code}`, p)
  return codeLabel(area, r.code)
}

/** hint is the next step for a result of area (Go's i18n.HintKey), '' when there is none. */
export function hint(area: string, r: Said): string {
  const p = r.params ?? {}
  if (p.reason && has(`${area}.whyHint.${p.reason}`)) return t(`${area}.whyHint.${p.reason}`, p)
  if (has(`${area}.hints.${r.code}`)) return t(`${area}.hints.${r.code}`, p)
  if (has(`code.${r.code}.hint`)) return t(`code.${r.code}.hint`, p)
  return ''
}

/** failure says a failed result in one line: its label, its sentence when that says more, and the fix. */
export function failure(area: string, r: Said): string {
  const label = codeLabel(area, r.code)
  const said = message(area, r)
  const fix = hint(area, r)
  return [label, said === label ? '' : said, fix].filter(Boolean).join(' — ')
}

/** itemText says why a tag or path was not done (revalidate.item.<reason>, with the site's own words as
 * detail), else the code's label. */
export function itemText(it: { code?: string; reason?: string; error?: string; params?: Record<string, string> | null }): string {
  if (it.reason && has(`revalidate.item.${it.reason}`)) return t(`revalidate.item.${it.reason}`, { ...it.params, detail: it.error ?? '' })
  const label = it.code ? codeLabel('revalidate', it.code) : ''
  return it.error ? `${label}: ${isolate(it.error)}` : label
}

/** fieldText says why a form field was refused: field.<code> (or a keychain code's label), with the item's
 * position for a list field. */
export function fieldText(e: Said | undefined | null): string {
  if (!e) return ''
  const p = e.params ?? {}
  const text = has(`field.${e.code}`) ? t(`field.${e.code}`, p) : codeLabel('settings', e.code)
  return p.item ? t('field.item', { item: p.item, text }) : text
}
