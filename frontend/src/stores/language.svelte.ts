// The language store: the only caller of the Language bindings. Go keeps the choice (language.json under the
// config dir); the UI follows it through i18n's lang rune, and <html dir lang> with it.
import * as App from '../../wailsjs/go/main/App'
import { DEFAULT_LANG, catalogs, isLang, lang, loadCatalog, useLanguage, type Lang } from '../i18n'

export const language = $state({ saveFailed: false })

/** loadLanguage applies the saved language (Arabic when Go cannot answer), its catalog loaded first. */
export async function loadLanguage(): Promise<Lang> {
  let l: Lang = DEFAULT_LANG
  try {
    const res = await App.Language()
    if (isLang(res.language)) l = res.language
  } catch {
    // Arabic
  }
  await switchTo(l)
  return lang.current
}

// switchTo loads l's catalog, then switches, and says whether it did. A catalog that cannot load (never
// seen: it is one of the app's own assets) keeps the language showing, or falls back to Arabic's at start.
async function switchTo(l: Lang): Promise<boolean> {
  try {
    await loadCatalog(l)
  } catch {
    if (catalogs[lang.current]) return false
    l = DEFAULT_LANG
    await loadCatalog(l).catch(() => undefined) // t() then shows each key: still a working page
  }
  useLanguage(l)
  return true
}

/** chooseLanguage switches now and saves the choice; saveFailed says the choice holds for this session only. */
export async function chooseLanguage(l: Lang): Promise<void> {
  if (!(await switchTo(l))) return
  try {
    const res = await App.SetLanguage(l)
    language.saveFailed = !res.ok
  } catch {
    language.saveFailed = true
  }
}
