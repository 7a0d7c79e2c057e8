// The language the UI speaks now. A rune, so every t() read in a template follows a switch; <html dir lang>
// follow it too. The saved choice comes from Go (stores/language.svelte.ts); Arabic until it answers.
export type Lang = 'ar' | 'en'

export const LANGUAGES: readonly Lang[] = ['ar', 'en']
export const DEFAULT_LANG: Lang = 'ar'

const RTL: ReadonlySet<Lang> = new Set(['ar'])

export const lang = $state({ current: DEFAULT_LANG as Lang })

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v)
}

export function isRTL(l: Lang = lang.current): boolean {
  return RTL.has(l)
}

/** useLanguage switches the UI (and the document's dir and lang) to l. */
export function useLanguage(l: Lang): void {
  lang.current = l
  if (typeof document !== 'undefined') {
    document.documentElement.lang = l
    document.documentElement.dir = isRTL(l) ? 'rtl' : 'ltr'
  }
}
