// Facts Go owns that the UI still copies, kept here and nowhere else until the bound calls land.
// TODO(c11-go): emptyProfile/DEFAULT_TAGS/DEFAULT_PATHS go when the bound `NewProfile() profile.Profile`
// lands (Go's defaults; its kind is empty on purpose, the form here still presets production), and
// SECRET_NAMES when the table of the site's variables (sitevars) is bound.
import type * as models from '../../wailsjs/go/models'

export const SECRET_NAMES = [
  'DATABASE_URL',
  'PUSHER_SECRET',
  'ATLAS_PUBLIC_KEY',
  'ATLAS_PRIVATE_KEY',
  'REVALIDATE_SECRET',
] as const
export type SecretName = (typeof SECRET_NAMES)[number]

// The site's refreshAllCaches targets; a full refresh of a profile with empty lists uses them too.
export const DEFAULT_TAGS = ['products', 'company', 'categories', 'promotions']
export const DEFAULT_PATHS = ['/', '/dashboard', '/dashboard/management-dashboard']

export function emptyProfile(): models.profile.Profile {
  return {
    id: '',
    name: '',
    kind: 'production',
    siteUrl: '',
    instanceUrls: [],
    actor: '',
    dbPlan: '',
    pusher: { appId: '', key: '', cluster: '', publicKey: '', publicCluster: '', host: '', insecure: false },
    atlas: { groupId: '', clusterName: '' },
    revalidation: { tags: [...DEFAULT_TAGS], paths: [...DEFAULT_PATHS], cooldownSeconds: 10 },
    features: { dbStats: false, atlasLookup: true, verifyPaths: true },
    savedSecrets: [],
    revalidateSecretOrigins: [],
  }
}
