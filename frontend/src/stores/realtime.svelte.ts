// The realtime (Pusher) store: the only door to the Pusher bindings. Per profile it keeps the presence of
// the settings, the last credential check and the last live test, and whether each check is running.
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'
import { safeCall, type Failure } from '../lib/result'
import { onProfileChange, onProfileSwitch, profiles } from './profiles.svelte'
import { checked } from './watch.svelte'

export type Presence = models.realtime.PresenceResult
export type Credentials = models.realtime.CredentialsResult
export type LiveTest = models.realtime.LiveTestResult

export interface RealtimeState {
  presence: Presence | null
  credentials: Credentials | null
  live: LiveTest | null
  validating: boolean
  testing: boolean
}

const empty = (): RealtimeState => ({ presence: null, credentials: null, live: null, validating: false, testing: false })

class Realtime {
  /** byProfile: profile id → its realtime state. Results stay per profile across profile switches. */
  byProfile = $state.raw<Record<string, RealtimeState>>({})
  /** current is the state of the selected profile. */
  current = $derived(this.byProfile[profiles.selectedId] ?? empty())
}

export const realtime = new Realtime()

function patch(id: string, change: Partial<RealtimeState>) {
  realtime.byProfile = { ...realtime.byProfile, [id]: { ...(realtime.byProfile[id] ?? empty()), ...change } }
}

function state(id: string): RealtimeState {
  return realtime.byProfile[id] ?? empty()
}

/** Sub-second delivery is what visitors perceive as instant; slower is shown amber. */
export const FAST_MS = 1000
export function latencyTone(ms: number): 'ok' | 'warn' {
  return ms < FAST_MS ? 'ok' : 'warn'
}

const presenceFallback = (f: Failure): Presence => ({
  ...f, missing: [], problems: [], canValidate: false, canLiveTest: false, reason: '', checkedAt: '', durationMs: 0,
})
const credentialsFallback = (f: Failure): Credentials => ({
  ...f, httpStatus: 0, bodyStatus: 0, serverMessage: '', missing: [], clockChecked: false, clockSkewSec: 0, warning: '',
  requestMs: 0, connectMs: 0, tlsMs: 0, firstByteMs: 0, endpoint: '', checkedAt: '', durationMs: 0,
})
const liveFallback = (f: Failure): LiveTest => ({
  ...f, stage: '', latencyMs: 0, connectMs: 0, subscribeMs: 0, triggerMs: 0, deliveryMs: 0, socketId: '', wsCloseCode: 0,
  httpStatus: 0, serverMessage: '', missing: [], checkedAt: '', durationMs: 0,
})

// Presence answers can come back out of order when settings change quickly; only the newest counts.
const presenceSeq: Record<string, number> = {}

export async function refreshPresence(id: string): Promise<Presence> {
  const seq = (presenceSeq[id] = (presenceSeq[id] ?? 0) + 1)
  const res = await safeCall(() => App.PusherPresence(id), presenceFallback)
  if (seq === presenceSeq[id]) patch(id, { presence: res })
  return res
}

/** validate runs the credential check once; a call while one runs for the profile does nothing (null). */
export async function validate(id: string): Promise<Credentials | null> {
  if (!id || state(id).validating) return null
  patch(id, { validating: true })
  try {
    const res = await safeCall(() => App.ValidatePusher(id), credentialsFallback)
    patch(id, { credentials: res })
    checked(id, 'pusherCredentials')
    return res
  } finally {
    patch(id, { validating: false })
  }
}

/** liveTest runs the live test once; a call while one runs for the profile does nothing (null). */
export async function liveTest(id: string): Promise<LiveTest | null> {
  if (!id || state(id).testing) return null
  patch(id, { testing: true })
  try {
    const res = await safeCall(() => App.PusherLiveTest(id), liveFallback)
    patch(id, { live: res })
    checked(id, 'pusherLive')
    return res
  } finally {
    patch(id, { testing: false })
  }
}

/** loadLast shows the last results Go kept for the profile (from a previous session) where this session has none yet. */
export async function loadLast(id: string): Promise<void> {
  if (!id) return
  let kept: models.main.LastResults
  try {
    kept = await App.LastResults(id)
  } catch {
    return // history is a convenience; the card simply shows "not checked yet"
  }
  const s = state(id)
  patch(id, { credentials: s.credentials ?? kept.pusherCredentials ?? null, live: s.live ?? kept.pusherLive ?? null })
}

// The selected profile's presence is kept current: Go is asked again when the selection, the profile's
// Pusher settings or its PUSHER_SECRET status change (and not on unrelated changes); the kept results are
// loaded once per profile.
let lastKey = ''
const hydrated = new Set<string>()

function follow() {
  const p = profiles.selected
  if (!p) return
  const key = JSON.stringify([p.id, p.pusher, profiles.secretStatus[p.id]?.PUSHER_SECRET === true])
  if (key === lastKey) return
  lastKey = key
  void refreshPresence(p.id)
  if (!hydrated.has(p.id)) {
    hydrated.add(p.id)
    void loadLast(p.id)
  }
}

onProfileSwitch(follow)
onProfileChange((id) => {
  if (id === profiles.selectedId) follow()
})

/** forget drops what follow() remembers (tests start from a fresh session). */
export function forget(): void {
  lastKey = ''
  hydrated.clear()
}
