// Which view is on screen (the checks or the settings), and the one way to leave it: show() first asks the
// view's leave guard (Settings with unsaved edits asks the admin), so no view change drops work silently.
export type ViewName = 'home' | 'settings'

/** Where Settings opens: on a form field (its JSON path, as data-field), on a secret's row, or on a way
 * to start (the first run's "import a .env" / "fill in by hand"). */
export type SettingsTarget = { field: string } | { secret: string } | { start: 'import' | 'manual' }

class View {
  /** current: written by show(), and by App at start (no profile yet: the settings). */
  current = $state<ViewName>('home')
  /** target: where Settings is to open; Settings takes it (and clears it) when it shows. */
  target = $state.raw<SettingsTarget | null>(null)
}
export const view = new View()

/** A LeaveGuard resolves true when the view may be left (saved, discarded or nothing to lose). */
export type LeaveGuard = () => Promise<boolean>
let guard: LeaveGuard | null = null

/** guardLeave sets the guard of the view on screen; the returned function removes it (on unmount). */
export function guardLeave(fn: LeaveGuard): () => void {
  guard = fn
  return () => {
    if (guard === fn) guard = null
  }
}

/** show goes to v once the guard (if any) lets the current view go; it says whether it went. */
export async function show(v: ViewName): Promise<boolean> {
  if (v === view.current) return true
  if (guard && !(await guard())) return false
  view.current = v
  return true
}

/** openSettings shows Settings opened at target (a card's "set it" link, the empty dashboard's ways in). */
export async function openSettings(target: SettingsTarget): Promise<boolean> {
  view.target = target
  const went = await show('settings')
  if (!went) view.target = null
  return went
}

/** takeTarget hands Settings its target once. */
export function takeTarget(): SettingsTarget | null {
  const t = view.target
  view.target = null
  return t
}
