// What each card can say from configuration alone, before any check runs: ready, or the variable names of
// what is missing. Go decides (the bound Readiness, from its one table of the site's variables); this
// store keeps Go's latest answer per profile and asks again when a profile is selected or re-read.
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'
import { safeCall, type Failure } from '../lib/result'
import { onProfileChange, onProfileSwitch, profiles } from './profiles.svelte'

export type Readiness = models.sitevars.Readiness
export type CardReadiness = models.sitevars.CardReadiness

/** notReady is what a card shows before Go answered, or when it could not: nothing is claimed ready. */
function notReady(profileId: string, f: Failure = { ok: false, code: '', message: '', params: {} }): Readiness {
  const none = (card: string): CardReadiness => ({ card, enabled: false, ready: false, missing: [], needs: [] })
  return { ...f, profileId, database: none('database'), atlas: none('atlas'), realtime: none('realtime'), revalidate: none('revalidate'), pages: none('pages') }
}

class Readinesses {
  /** byProfile: profile id → Go's last answer. */
  byProfile = $state.raw<Record<string, Readiness>>({})
  /** selected: the readiness of the selected profile. */
  selected = $derived(this.byProfile[profiles.selectedId] ?? notReady(profiles.selectedId))

  /** of: the last known readiness of any profile. */
  of(profileId: string): Readiness {
    return this.byProfile[profileId] ?? notReady(profileId)
  }
}

export const readiness = new Readinesses()

// Answers can overtake each other when secrets are saved quickly; only the newest per profile counts.
const asked: Record<string, number> = {}

/** refreshReadiness asks Go for a profile's readiness. */
export async function refreshReadiness(profileId: string): Promise<Readiness> {
  if (!profileId) return notReady('')
  const seq = (asked[profileId] = (asked[profileId] ?? 0) + 1)
  const res = await safeCall(() => App.Readiness(profileId), (f) => notReady(profileId, f))
  if (seq === asked[profileId]) readiness.byProfile = { ...readiness.byProfile, [profileId]: res }
  return res
}

// Asked for the selected profile only (each answer reads the keychain); a switch asks for the new one.
onProfileSwitch((id) => void refreshReadiness(id))
onProfileChange((id) => {
  if (id === profiles.selectedId) void refreshReadiness(id)
})
