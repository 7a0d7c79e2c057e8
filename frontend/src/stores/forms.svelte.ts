// The forms store: the door to the bindings the settings form needs beyond the profiles store — Go's
// validation while typing (the rules exist once, in Go), the form's fixed choices, the .env import preview
// (the plan stays in Go; the UI holds a token) and the DATABASE_URL editor (parts only; the password goes in,
// nothing of it comes back).
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'
import { safeCall, type Failure } from '../lib/result'
import { loadProfiles, refreshSecretStatus, zeroProfile, type FieldErrors, type Profile } from './profiles.svelte'

export type ImportPreview = models.settings.ImportPreview & { cancelled?: boolean }
export type ImportChange = models.settings.ImportChange
export type DatabaseURLParts = models.settings.DatabaseURLParts

class Forms {
  /** pusherClusters: Pusher's clusters as Go lists them (profile.PusherClusters). */
  pusherClusters = $state.raw<string[]>([])
}

export const forms = new Forms()

const outcome = (f: Failure): models.settings.Outcome => ({ ...f, fieldErrors: {} })

export async function loadFormOptions(): Promise<void> {
  const res = await safeCall(App.FormOptions, (): models.main.FormOptions => ({ pusherClusters: [] }))
  forms.pusherClusters = res.pusherClusters ?? []
}

let asked = 0
/** validate asks Go which fields of the draft are refused (nothing is written). Answers to older questions
 * than the last one are dropped (null), so a slow answer never brings back an error already fixed. */
export async function validate(p: Profile): Promise<FieldErrors | null> {
  const mine = ++asked
  const res = await safeCall(() => App.ValidateProfile(p), outcome)
  if (mine !== asked || res.code === 'BRIDGE_ERROR') return null
  return res.fieldErrors ?? {}
}

/** previewImport opens the file dialog in Go and returns what the import would change (names only for
 * secrets). Without a profileId (the first run: nothing saved yet) the preview is over draft, and applying
 * it creates the profile from the draft and the file. */
export async function previewImport(profileId: string, draft?: Profile): Promise<ImportPreview> {
  const res: ImportPreview = await safeCall(
    () => (profileId || !draft ? App.PreviewImportEnv(profileId) : App.PreviewImportEnvNew(draft)),
    (f): models.settings.ImportPreview => ({ ...f, fieldErrors: {}, token: '', changes: [] }),
  )
  return res.code === 'CANCELED' ? { ...res, cancelled: true } : res
}

/** applyImport applies the previewed plan of token ('' profileId: a draft's preview, which creates the
 * profile); the profiles are read again when something changed. */
export async function applyImport(profileId: string, token: string): Promise<models.settings.ImportResult> {
  const res = await safeCall(
    () => App.ApplyImport(profileId, token),
    (f): models.settings.ImportResult => ({ ...outcome(f), taken: [], ignored: [], stored: [], profile: zeroProfile() }),
  )
  if (res.ok || (res.stored?.length ?? 0) > 0) await loadProfiles()
  return res
}

export async function cancelImport(token: string): Promise<models.settings.Outcome> {
  return safeCall(() => App.CancelImport(token), outcome)
}

const noParts = (f: Failure): DatabaseURLParts => ({
  ...f, scheme: '', hosts: [], database: '', options: [], hasUser: false, hasPassword: false, fieldErrors: {},
})

export async function databaseUrlParts(profileId: string): Promise<DatabaseURLParts> {
  return safeCall(() => App.DatabaseURLParts(profileId), noParts)
}

/** setDatabasePart replaces only the user or only the password of the saved DATABASE_URL (Go encodes it). */
export async function setDatabasePart(profileId: string, part: 'user' | 'password', value: string): Promise<DatabaseURLParts> {
  const call = part === 'user' ? () => App.SetDatabaseUser(profileId, value) : () => App.SetDatabasePassword(profileId, value)
  const res = await safeCall(call, noParts)
  if (res.ok) await refreshSecretStatus(profileId)
  return res
}
