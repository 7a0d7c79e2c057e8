// The profiles store: the only door to the profile and secret bindings. Secrets go in (write-only) and
// only booleans come back. It is also the one place a profile switch happens: select() is the only writer
// of the selected id, and it tells every card's store (onProfileSwitch) so each resets or reloads itself.
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'
import { safeCall, type Failure } from '../lib/result'

export type Profile = models.profile.Profile

/** FieldErrors: each refused form field with its rule (field.<code>) and params, as Go returns them (i18n.FieldError). */
export type FieldErrors = models.settings.ProfileResult['fieldErrors']

/** Secret name → saved in the keychain. Never a value. */
export type SecretFlags = Record<string, boolean>


class Profiles {
  list = $state.raw<models.profile.Profile[]>([])
  /** selectedId: written by select() only. */
  selectedId = $state('')
  /** loadWarning: a problem with the profiles file at start (code + params: where it was moved); null when none. */
  loadWarning = $state.raw<models.profile.LoadWarning | null>(null)
  loaded = $state(false)
  /** secretStatus: profile id → its secret flags. */
  secretStatus = $state.raw<Record<string, SecretFlags>>({})
  /** secretNames: the keychain's secret names in display order, as Go's SecretStatus lists them. */
  secretNames = $state.raw<string[]>([])
  /** defaults: Go's new-profile defaults (NewProfile), read with the profiles. */
  defaults = $state.raw<Profile>(zeroProfile())
  selected = $derived(this.list.find((p) => p.id === this.selectedId))

  byId(id: string): models.profile.Profile | undefined {
    return this.list.find((p) => p.id === id)
  }
}

export const profiles = new Profiles()

/** zeroProfile is Go's zero profile.Profile: what a result carries when there is no profile. No defaults. */
export function zeroProfile(): Profile {
  return {
    id: '', name: '', kind: '', siteUrl: '', instanceUrls: [], actor: '', dbPlan: '',
    pusher: { appId: '', key: '', cluster: '', publicKey: '', publicCluster: '' },
    atlas: { groupId: '', clusterName: '' },
    revalidation: { tags: [], paths: [], cooldownSeconds: 0 },
    features: { dbStats: false, atlasLookup: false, verifyPaths: false },
    savedSecrets: [],
    revalidateSecretOrigins: [],
    pages: [],
  }
}

type Listener = (profileId: string) => void
const switchListeners = new Set<Listener>()
const changeListeners = new Set<Listener>()

/**
 * onProfileSwitch registers what a store does when another profile becomes the selected one (id '' when
 * none is left). Stores register once, at load; the returned function unregisters (tests).
 */
export function onProfileSwitch(fn: Listener): () => void {
  switchListeners.add(fn)
  return () => switchListeners.delete(fn)
}

/** onProfileChange registers what a store does when a profile's settings or secret flags were re-read. */
export function onProfileChange(fn: Listener): () => void {
  changeListeners.add(fn)
  return () => changeListeners.delete(fn)
}

function select(id: string) {
  if (id === profiles.selectedId) return
  profiles.selectedId = id
  for (const fn of switchListeners) fn(id)
}

function changed(id: string) {
  for (const fn of changeListeners) fn(id)
}

const failed = (f: Failure): models.settings.Outcome => ({ ...f, fieldErrors: {} })

/** newProfile asks Go for an unsaved profile with its defaults (its kind left for the admin to choose). */
export async function newProfile(): Promise<Profile> {
  const p = await safeCall(App.NewProfile, zeroProfile)
  profiles.defaults = p
  return p
}

export async function loadProfiles(): Promise<models.settings.ProfilesResult> {
  const [res] = await Promise.all([
    safeCall(App.ListProfiles, (f): models.settings.ProfilesResult => ({ ...f, profiles: [], selectedId: '' })),
    newProfile(),
  ])
  const list = res.profiles ?? []
  if (res.ok || list.length) {
    profiles.list = list
    select(res.selectedId || list[0]?.id || '')
  }
  profiles.loadWarning = res.warning ?? null
  profiles.loaded = true
  await Promise.all(list.map((p) => refreshSecretStatus(p.id)))
  return res
}

export async function saveProfile(p: models.profile.Profile): Promise<models.settings.ProfileResult> {
  const res = await safeCall(
    () => App.SaveProfile(p),
    (f): models.settings.ProfileResult => ({ ...failed(f), profile: zeroProfile() }),
  )
  if (res.ok && res.profile) {
    const saved = res.profile
    const i = profiles.list.findIndex((x) => x.id === saved.id)
    profiles.list = i === -1 ? [...profiles.list, saved] : profiles.list.map((x) => (x.id === saved.id ? saved : x))
    if (!profiles.selectedId) select(saved.id)
    changed(saved.id)
  }
  return res
}

/** deleteProfile removes a profile and its secrets; force removes the profile even if a secret could not be. */
export async function deleteProfile(id: string, force = false): Promise<models.settings.DeleteResult> {
  const res = await safeCall(
    () => App.DeleteProfile(id, force),
    (f): models.settings.DeleteResult => ({ ...f, deleted: false, secretsRemoved: [], secretsLeft: [] }),
  )
  if (res.deleted) await loadProfiles()
  return res
}

/** selectProfile switches at once and goes back when Go refuses the switch. */
export async function selectProfile(id: string): Promise<models.settings.Outcome> {
  const previous = profiles.selectedId
  select(id)
  const res = await safeCall(() => App.SelectProfile(id), failed)
  if (!res.ok) select(previous)
  return res
}

export async function refreshSecretStatus(profileId: string): Promise<void> {
  const res = await safeCall(
    () => App.SecretStatus(profileId),
    (f): models.settings.SecretStatusResult => ({ ...f, source: '', saved: {}, names: [] }),
  )
  if (res.names?.length) profiles.secretNames = res.names
  const flags: SecretFlags = {}
  for (const name of profiles.secretNames) flags[name] = res.saved?.[name] === true
  profiles.secretStatus = { ...profiles.secretStatus, [profileId]: flags }
  changed(profileId)
}

export async function setSecret(profileId: string, name: string, value: string): Promise<models.settings.Outcome> {
  const res = await safeCall(() => App.SetSecret(profileId, name, value), failed)
  await refreshSecretStatus(profileId)
  return res
}

export async function clearSecret(profileId: string, name: string): Promise<models.settings.Outcome> {
  const res = await safeCall(() => App.ClearSecret(profileId, name), failed)
  await refreshSecretStatus(profileId)
  return res
}

/** hasSecret reads the boolean status of one secret of a profile. */
export function hasSecret(profileId: string | undefined, name: string): boolean {
  return !!profileId && profiles.secretStatus[profileId]?.[name] === true
}

// Empty values are the same edit whichever way the form leaves them (a field typed in and cleared again
// is '' where the profile had none; an untouched checkbox is undefined or false).
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(canonical) : undefined
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) {
      const c = canonical((v as Record<string, unknown>)[k])
      if (c !== undefined) out[k] = c
    }
    return Object.keys(out).length ? out : undefined
  }
  return v === '' || v === null || v === false ? undefined : v
}

/** sameProfile tells whether a form's draft still holds what it was opened with (no unsaved edit). */
export function sameProfile(a: Profile, b: Profile): boolean {
  return JSON.stringify(canonical(a) ?? null) === JSON.stringify(canonical(b) ?? null)
}

/** nextAfter is the profile to show once the one at index at of before was deleted: the one that followed
 * it, else the one before it, else none (the list is empty). */
export function nextAfter(at: number, list: readonly Profile[] = profiles.list): Profile | null {
  return list[Math.min(Math.max(at, 0), list.length - 1)] ?? null
}
