// The secret names the settings panel lists, one write-only field each.
// TODO: Go's table of the site's variables (backend/sitevars) knows which names are secret; replace this
// list with that table once it is bound.
export const SECRET_NAMES = [
  'DATABASE_URL',
  'PUSHER_SECRET',
  'ATLAS_PUBLIC_KEY',
  'ATLAS_PRIVATE_KEY',
  'REVALIDATE_SECRET',
] as const
export type SecretName = (typeof SECRET_NAMES)[number]
