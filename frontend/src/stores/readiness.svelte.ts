// What each card can say from configuration alone, before any check runs: configured, or the .env names
// of what is missing. Derived from the selected profile and its secret flags; nothing here is written.
// TODO(c11-go): these rules are Go's (its table of the site's variables); replace readinessOf and
// atlasReadiness with the bound Readiness call, asked on onProfileSwitch/onProfileChange.
import type * as models from '../../wailsjs/go/models'
import { hasSecret, profiles } from './profiles.svelte'

export interface CardConfig {
  configured: boolean
  missing: string[]
}

export interface CardsConfig {
  database: CardConfig
  realtime: CardConfig
  revalidate: CardConfig
}

/** What the Atlas lookup of a profile can do from configuration alone. */
export interface AtlasConfig {
  enabled: boolean // the profile's atlasLookup feature
  configured: boolean // enabled and nothing missing
  missing: string[] // .env names of what is missing
}

const card = (missing: string[]): CardConfig => ({ configured: missing.length === 0, missing })

function missingPusher(p: models.profile.Profile): string[] {
  const m: string[] = []
  if (!p.pusher.appId) m.push('PUSHER_APP_ID')
  if (!p.pusher.key) m.push('PUSHER_KEY')
  if (!hasSecret(p.id, 'PUSHER_SECRET')) m.push('PUSHER_SECRET')
  if (!p.pusher.cluster && !p.pusher.host) m.push('PUSHER_CLUSTER')
  if (!p.pusher.publicKey) m.push('NEXT_PUBLIC_PUSHER_KEY')
  if (!p.pusher.publicCluster && !p.pusher.host) m.push('NEXT_PUBLIC_PUSHER_CLUSTER')
  return m
}

export function readinessOf(p: models.profile.Profile | undefined): CardsConfig {
  const none: CardConfig = { configured: false, missing: [] }
  if (!p) return { database: none, realtime: none, revalidate: none }
  const rv: string[] = []
  if (!p.siteUrl) rv.push('NEXT_PUBLIC_SITE_URL')
  if (!hasSecret(p.id, 'REVALIDATE_SECRET')) rv.push('REVALIDATE_SECRET')
  return {
    database: card(hasSecret(p.id, 'DATABASE_URL') ? [] : ['DATABASE_URL']),
    realtime: card(missingPusher(p)),
    revalidate: card(rv),
  }
}

export function atlasReadiness(p: models.profile.Profile | undefined): AtlasConfig {
  if (!p) return { enabled: false, configured: false, missing: [] }
  const missing: string[] = []
  if (!p.atlas.groupId.trim()) missing.push('ATLAS_GROUP_ID')
  if (!p.atlas.clusterName.trim()) missing.push('ATLAS_CLUSTER_NAME')
  if (!hasSecret(p.id, 'ATLAS_PUBLIC_KEY')) missing.push('ATLAS_PUBLIC_KEY')
  if (!hasSecret(p.id, 'ATLAS_PRIVATE_KEY')) missing.push('ATLAS_PRIVATE_KEY')
  const enabled = p.features.atlasLookup
  return { enabled, configured: enabled && missing.length === 0, missing }
}

class Readiness {
  cards = $derived(readinessOf(profiles.selected))
  atlas = $derived(atlasReadiness(profiles.selected))
}

/** readiness of the selected profile. */
export const readiness = new Readiness()
