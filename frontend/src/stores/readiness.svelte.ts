// What each card can say from configuration alone, before any check runs: ready, or the variable names of
// what is missing. Nothing here is written: it follows the profiles and their secret flags.
// TODO(c11-go): these rules are Go's (sitevars, its table of the site's variables). When the bound
// `Readiness(profileID) sitevars.Readiness` lands, CardReadiness/Readiness become models.sitevars.*, and
// `of` reads a cache filled by App.Readiness from onProfileSwitch/onProfileChange instead of computing.
import type { Profile } from './profiles.svelte'
import { hasSecret, profiles } from './profiles.svelte'

/** The shape of sitevars.CardReadiness. */
export interface CardReadiness {
  card: string
  enabled: boolean // false only when the profile turned the card's lookup off (Atlas)
  ready: boolean // enabled and nothing missing
  missing: string[] // the site's variable names of what is missing
}

/** The shape of sitevars.Readiness (the cards of one profile). */
export interface Readiness {
  profileId: string
  database: CardReadiness
  atlas: CardReadiness
  realtime: CardReadiness
  revalidate: CardReadiness
}

const card = (name: string, missing: string[], enabled = true): CardReadiness => ({
  card: name, enabled, ready: enabled && missing.length === 0, missing,
})

function missingPusher(p: Profile): string[] {
  const m: string[] = []
  if (!p.pusher.appId) m.push('PUSHER_APP_ID')
  if (!p.pusher.key) m.push('PUSHER_KEY')
  if (!hasSecret(p.id, 'PUSHER_SECRET')) m.push('PUSHER_SECRET')
  if (!p.pusher.cluster && !p.pusher.host) m.push('PUSHER_CLUSTER')
  if (!p.pusher.publicKey) m.push('NEXT_PUBLIC_PUSHER_KEY')
  if (!p.pusher.publicCluster && !p.pusher.host) m.push('NEXT_PUBLIC_PUSHER_CLUSTER')
  return m
}

function missingAtlas(p: Profile): string[] {
  const m: string[] = []
  if (!p.atlas.groupId.trim()) m.push('ATLAS_GROUP_ID')
  if (!p.atlas.clusterName.trim()) m.push('ATLAS_CLUSTER_NAME')
  if (!hasSecret(p.id, 'ATLAS_PUBLIC_KEY')) m.push('ATLAS_PUBLIC_KEY')
  if (!hasSecret(p.id, 'ATLAS_PRIVATE_KEY')) m.push('ATLAS_PRIVATE_KEY')
  return m
}

function compute(p: Profile | undefined): Readiness {
  if (!p) {
    const none = (name: string) => ({ card: name, enabled: false, ready: false, missing: [] })
    return { profileId: '', database: none('database'), atlas: none('atlas'), realtime: none('realtime'), revalidate: none('revalidate') }
  }
  const rv: string[] = []
  if (!p.siteUrl) rv.push('NEXT_PUBLIC_SITE_URL')
  if (!hasSecret(p.id, 'REVALIDATE_SECRET')) rv.push('REVALIDATE_SECRET')
  return {
    profileId: p.id,
    database: card('database', hasSecret(p.id, 'DATABASE_URL') ? [] : ['DATABASE_URL']),
    atlas: card('atlas', missingAtlas(p), p.features.atlasLookup),
    realtime: card('realtime', missingPusher(p)),
    revalidate: card('revalidate', rv),
  }
}

class Readinesses {
  /** selected: the readiness of the selected profile. */
  selected = $derived(compute(profiles.selected))

  /** of: the readiness of any profile. */
  of(profileId: string): Readiness {
    return compute(profiles.byId(profileId))
  }
}

export const readiness = new Readinesses()
