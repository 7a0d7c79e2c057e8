// The language store: the only caller of the Language bindings. Go keeps the choice (language.json under the
// config dir); the UI follows it through i18n's lang rune, and <html dir lang> with it.
import * as App from '../../wailsjs/go/main/App'
import { DEFAULT_LANG, isLang, lang, useLanguage, type Lang } from '../i18n'

export const language = $state({ saveFailed: false })

/** loadLanguage applies the saved language (Arabic when Go cannot answer). */
export async function loadLanguage(): Promise<Lang> {
  try {
    const res = await App.Language()
    useLanguage(isLang(res.language) ? res.language : DEFAULT_LANG)
  } catch {
    useLanguage(DEFAULT_LANG)
  }
  return lang.current
}

/** chooseLanguage switches now and saves the choice; saveFailed says the choice holds for this session only. */
export async function chooseLanguage(l: Lang): Promise<void> {
  useLanguage(l)
  try {
    const res = await App.SetLanguage(l)
    language.saveFailed = !res.ok
  } catch {
    language.saveFailed = true
  }
}
