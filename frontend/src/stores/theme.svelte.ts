// The theme store: the only caller of the Theme bindings. Go keeps the choice (theme.json under the config dir)
// and the list of themes; <html data-theme> follows the choice, and style.css does the rest ("system" follows
// the OS through prefers-color-scheme, light and dark override it).
import * as App from '../../wailsjs/go/main/App'

export const theme = $state({ current: 'system', themes: [] as string[], saveFailed: false })

function apply(t: string): void {
  theme.current = t
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = t
}

/** loadTheme applies the saved theme (following the OS when Go cannot answer). */
export async function loadTheme(): Promise<void> {
  try {
    const res = await App.Theme()
    theme.themes = res.themes
    apply(res.theme)
  } catch {
    theme.themes = ['system']
    apply('system')
  }
}

/** chooseTheme switches now and saves the choice; saveFailed says it holds for this session only. */
export async function chooseTheme(t: string): Promise<void> {
  if (!theme.themes.includes(t)) return
  apply(t)
  try {
    const res = await App.SetTheme(t)
    theme.saveFailed = !res.ok
  } catch {
    theme.saveFailed = true
  }
}
