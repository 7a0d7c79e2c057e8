// Mirrors of the Go JSON shapes the frontend reads (backend/profile and the settings facade).
export type Kind = 'production' | 'staging' | 'development'

export interface Profile {
  id: string
  name: string
  kind: Kind
  siteUrl: string
  instanceUrls: string[]
  actor: string
  dbPlan: string
  pusher: {
    appId: string
    key: string
    cluster: string
    publicKey: string
    publicCluster: string
    host?: string
    insecure?: boolean
  }
  atlas: { groupId: string; clusterName: string }
  revalidation: { tags: string[]; paths: string[]; cooldownSeconds: number }
  features: { dbStats: boolean; atlasLookup: boolean; verifyPaths: boolean }
  savedSecrets: string[]
  /** origins REVALIDATE_SECRET is bound to; set by Go only (saving a profile never changes it). */
  revalidateSecretOrigins?: string[] | null
}

/** A refused form field as Go returns it (i18n.FieldError): the rule (field.<code>) and its params. */
export interface FieldError {
  code: string
  params?: Record<string, string> | null
}
export type FieldErrors = Record<string, FieldError>

export const SECRET_NAMES = [
  'DATABASE_URL',
  'PUSHER_SECRET',
  'ATLAS_PUBLIC_KEY',
  'ATLAS_PRIVATE_KEY',
  'REVALIDATE_SECRET',
] as const
export type SecretName = (typeof SECRET_NAMES)[number]

// The site's refreshAllCaches targets (backend/profile DefaultTags/DefaultPaths); a full refresh of a profile
// with empty lists uses them too.
export const DEFAULT_TAGS = ['products', 'company', 'categories', 'promotions']
export const DEFAULT_PATHS = ['/', '/dashboard', '/dashboard/management-dashboard']

export function emptyProfile(): Profile {
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
    revalidation: {
      tags: [...DEFAULT_TAGS],
      paths: [...DEFAULT_PATHS],
      cooldownSeconds: 10,
    },
    features: { dbStats: false, atlasLookup: true, verifyPaths: true },
    savedSecrets: [],
  }
}
