// What each card can say from configuration alone, before any check runs. Go decides (the Readiness
// binding, from the one table of the site's variables); this store only holds its latest answer for the
// selected profile and asks again when the profile or its saved secrets change.
import { derived, writable } from 'svelte/store'
import * as App from '../../wailsjs/go/main/App'
import type { sitevars } from '../../wailsjs/go/models'
import { secretStatus, selected } from './profiles'

export interface CardConfig {
  configured: boolean
  missing: string[]
}
/** AtlasConfig is the Atlas lookup's state: enabled in the profile, configured (enabled and nothing missing). */
export interface AtlasConfig extends CardConfig {
  enabled: boolean
}
export interface CardConfigs {
  database: CardConfig
  atlas: AtlasConfig
  realtime: CardConfig
  revalidate: CardConfig
}

const none = (): CardConfigs => ({
  database: { configured: false, missing: [] },
  atlas: { enabled: false, configured: false, missing: [] },
  realtime: { configured: false, missing: [] },
  revalidate: { configured: false, missing: [] },
})

const card = (c: sitevars.CardReadiness): CardConfig => ({ configured: c.ready, missing: c.missing ?? [] })

/** fromReadiness maps Go's Readiness answer to the cards' shape. */
export function fromReadiness(r: sitevars.Readiness): CardConfigs {
  if (!r.ok) return none()
  return {
    database: card(r.database),
    atlas: { ...card(r.atlas), enabled: r.atlas.enabled },
    realtime: card(r.realtime),
    revalidate: card(r.revalidate),
  }
}

export const cardConfig = writable<CardConfigs>(none())

let asked = 0
/** refreshReadiness asks Go for the profile's readiness; a later call (another profile) wins. */
export async function refreshReadiness(profileId: string | undefined): Promise<void> {
  const ask = ++asked
  let next = none()
  if (profileId) {
    try {
      next = fromReadiness(await App.Readiness(profileId))
    } catch {
      next = none() // a lost bridge: nothing is claimed ready
    }
  }
  if (ask === asked) cardConfig.set(next)
}

// Go's answer changes when the selected profile (or its fields) or its saved secrets change.
derived([selected, secretStatus], ([$p, $s]) => ({ p: $p, s: $s[$p?.id ?? ''] })).subscribe(({ p }) => void refreshReadiness(p?.id))
