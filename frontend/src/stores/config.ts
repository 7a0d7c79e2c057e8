// What each card can say from configuration alone, before any check runs.
import { derived } from 'svelte/store'
import { secretStatus, selected, hasSecret } from './profiles'
import type { Profile } from '../lib/types'

export interface CardConfig {
  configured: boolean
  missing: string[]
}

function missingPusher(p: Profile, has: (n: 'PUSHER_SECRET') => boolean): string[] {
  const m: string[] = []
  if (!p.pusher.appId) m.push('PUSHER_APP_ID')
  if (!p.pusher.key) m.push('PUSHER_KEY')
  if (!has('PUSHER_SECRET')) m.push('PUSHER_SECRET')
  if (!p.pusher.cluster && !p.pusher.host) m.push('PUSHER_CLUSTER')
  if (!p.pusher.publicKey) m.push('NEXT_PUBLIC_PUSHER_KEY')
  if (!p.pusher.publicCluster && !p.pusher.host) m.push('NEXT_PUBLIC_PUSHER_CLUSTER')
  return m
}

export const cardConfig = derived([selected, secretStatus], ([p, status]) => {
  const none: CardConfig = { configured: false, missing: [] }
  if (!p) return { database: none, realtime: none, revalidate: none }
  const has = (n: Parameters<typeof hasSecret>[2]) => hasSecret(status, p.id, n)
  const db = has('DATABASE_URL') ? [] : ['DATABASE_URL']
  const rt = missingPusher(p, has)
  const rv: string[] = []
  if (!p.siteUrl) rv.push('NEXT_PUBLIC_SITE_URL')
  if (!has('REVALIDATE_SECRET')) rv.push('REVALIDATE_SECRET')
  return {
    database: { configured: db.length === 0, missing: db },
    realtime: { configured: rt.length === 0, missing: rt },
    revalidate: { configured: rv.length === 0, missing: rv },
  }
})
