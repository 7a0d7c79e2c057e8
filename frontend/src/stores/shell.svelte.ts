// The app's window as the UI sees it: the quit action, and opening the card a clicked notification was
// about (Go shows the window and emits siyana:open-card with the profile and check of its ID).
import * as App from '../../wailsjs/go/main/App'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { profiles, selectProfile } from './profiles.svelte'
import { show } from './view.svelte'

/** The event Go emits on a notification click (backend/platform.EventOpenCard) and its data (OpenCard). */
export const openCardEvent = 'siyana:open-card'
export interface OpenCard {
  profileId: string
  check: string
}

/** cardOf maps a check (history kinds: backend/history) to the card that shows it. */
const cardOf: Record<string, string> = {
  database: 'database', atlas: 'database', pusherCredentials: 'realtime', pusherLive: 'realtime',
  site: 'revalidate', revalidation: 'revalidate',
}

/** quit ends the app (watching too). */
export async function quit(): Promise<void> {
  try {
    await App.Quit()
  } catch {
    // the bridge is gone with the app
  }
}

/** openCard selects the profile, shows the checks and brings the check's card into view with the focus.
 * An unknown profile opens nothing; an unknown check only selects the profile. */
export async function openCard(c: OpenCard): Promise<boolean> {
  if (!profiles.list.some((p) => p.id === c.profileId)) return false
  if (profiles.selectedId !== c.profileId && !(await selectProfile(c.profileId)).ok) return false
  if (!(await show('home'))) return false
  const id = cardOf[c.check] ?? c.check
  await new Promise((r) => requestAnimationFrame(r)) // the home view is mounted
  const card = document.querySelector<HTMLElement>(`[data-card="${CSS.escape(id)}"]`)
  if (!card) return false
  card.tabIndex = -1
  card.scrollIntoView({ block: 'start' })
  card.focus({ preventScroll: true })
  return true
}

/** listenOpenCard subscribes to the notification clicks once (App.svelte at mount); returns the unsubscribe. */
export function listenOpenCard(): () => void {
  return EventsOn(openCardEvent, (c: OpenCard) => void openCard(c))
}
