// The profiles store: the only door to the profile and secret bindings. Secrets go in (write-only) and
// only booleans come back.
import { derived, get, writable } from 'svelte/store'
import * as App from '../../wailsjs/go/main/App'
import { safeCall, type Outcome } from '../lib/result'
import { SECRET_NAMES, type FieldErrors, type Profile, type SecretName } from '../lib/types'

export interface SaveResult extends Outcome {
  profile?: Profile
  fieldErrors?: FieldErrors
}
export interface ImportResult extends Outcome {
  taken: string[]
  ignored: string[]
  cancelled?: boolean
}

export const profiles = writable<Profile[]>([])
export const selectedId = writable<string>('')
/** A problem with the profiles file at start (code + params: the path it was moved to); null when none. */
export const loadWarning = writable<{ code: string; params?: Record<string, string> | null } | null>(null)
export const loaded = writable(false)
/** secretStatus: profile id → secret name → saved in the keychain. Never a value. */
export const secretStatus = writable<Record<string, Record<string, boolean>>>({})

export const selected = derived([profiles, selectedId], ([$profiles, $id]) => $profiles.find((p) => p.id === $id))

const failed = (o: Outcome) => o

export async function loadProfiles(): Promise<Outcome> {
  const res = await safeCall(
    () => App.ListProfiles() as unknown as Promise<Outcome & { profiles: Profile[]; selectedId: string; warning: { code: string; message: string; params?: Record<string, string> | null } | null }>,
    (o) => ({ ...o, profiles: [], selectedId: '', warning: null }),
  )
  if (res.ok || res.profiles?.length) {
    profiles.set(res.profiles ?? [])
    selectedId.set(res.selectedId || res.profiles?.[0]?.id || '')
  }
  loadWarning.set(res.warning ?? null)
  loaded.set(true)
  await Promise.all((res.profiles ?? []).map((p) => refreshSecretStatus(p.id)))
  return res
}

export async function saveProfile(p: Profile): Promise<SaveResult> {
  const res = await safeCall(() => App.SaveProfile(p as never) as unknown as Promise<SaveResult>, (o) => o as SaveResult)
  if (res.ok && res.profile) {
    const saved = res.profile
    profiles.update((list) => {
      const i = list.findIndex((x) => x.id === saved.id)
      return i === -1 ? [...list, saved] : list.map((x) => (x.id === saved.id ? saved : x))
    })
    if (!get(selectedId)) selectedId.set(saved.id)
  }
  return res
}

export interface DeleteResult extends Outcome {
  deleted: boolean
  secretsLeft: string[]
}

/** deleteProfile removes a profile and its secrets; force removes the profile even if a secret could not be. */
export async function deleteProfile(id: string, force = false): Promise<DeleteResult> {
  const res = await safeCall(
    () => App.DeleteProfile(id, force) as unknown as Promise<DeleteResult>,
    (o) => ({ ...o, deleted: false, secretsLeft: [] }),
  )
  if (res.deleted) await loadProfiles()
  return res
}

export async function selectProfile(id: string): Promise<Outcome> {
  const previous = get(selectedId)
  selectedId.set(id)
  const res = await safeCall(() => App.SelectProfile(id) as unknown as Promise<Outcome>, failed)
  if (!res.ok) selectedId.set(previous)
  return res
}

export async function refreshSecretStatus(profileId: string): Promise<void> {
  const res = await safeCall(
    () => App.SecretStatus(profileId) as unknown as Promise<Outcome & { saved: Record<string, boolean> }>,
    (o) => ({ ...o, saved: {} as Record<string, boolean> }),
  )
  const flags: Record<string, boolean> = {}
  for (const name of SECRET_NAMES) flags[name] = res.saved?.[name] === true
  secretStatus.update((all) => ({ ...all, [profileId]: flags }))
}

export async function setSecret(profileId: string, name: SecretName, value: string): Promise<Outcome> {
  const res = await safeCall(() => App.SetSecret(profileId, name, value) as unknown as Promise<Outcome>, failed)
  await refreshSecretStatus(profileId)
  return res
}

export async function clearSecret(profileId: string, name: SecretName): Promise<Outcome> {
  const res = await safeCall(() => App.ClearSecret(profileId, name) as unknown as Promise<Outcome>, failed)
  await refreshSecretStatus(profileId)
  return res
}

export async function importEnv(profileId: string): Promise<ImportResult> {
  const res = await safeCall(
    () => App.ImportEnv(profileId) as unknown as Promise<ImportResult>,
    (o) => ({ ...o, taken: [], ignored: [] }),
  )
  if (res.code === 'CANCELED') return { ...res, cancelled: true }
  if (res.ok || (res.taken?.length ?? 0) > 0) await loadProfiles()
  return res
}

/** hasSecret reads the boolean status of one secret of a profile. */
export function hasSecret(status: Record<string, Record<string, boolean>>, profileId: string | undefined, name: SecretName): boolean {
  return !!profileId && status[profileId]?.[name] === true
}
