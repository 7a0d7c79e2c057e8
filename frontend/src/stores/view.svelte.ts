// Which view is on screen (the checks or the settings), and the one way to leave it: show() first asks the
// view's leave guard (Settings with unsaved edits asks the admin), so no view change drops work silently.
export type ViewName = 'home' | 'settings'

class View {
  /** current: written by show(), and by App at start (no profile yet: the settings). */
  current = $state<ViewName>('home')
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
