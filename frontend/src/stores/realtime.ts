// The realtime (Pusher) store: the only door to the Pusher bindings. Per profile it keeps the presence of
// the settings, the last credential check and the last live test, and whether each check is running.
import { derived, get, writable } from 'svelte/store'
import * as App from '../../wailsjs/go/main/App'
import { safeCall, type Outcome } from '../lib/result'
import { secretStatus, selected, selectedId } from './profiles'

/** Mirrors realtime.PresenceResult. */
export interface Presence extends Outcome {
  missing: string[]
  problems: { code: string; message: string; params?: Record<string, string> | null }[]
  canValidate: boolean
  canLiveTest: boolean
  reason: string
  checkedAt: string
  durationMs: number
}

/** Mirrors realtime.CredentialsResult. */
export interface Credentials extends Outcome {
  httpStatus: number
  bodyStatus: number
  serverMessage: string
  missing: string[]
  clockChecked: boolean
  clockSkewSec: number
  warning: string
  requestMs: number
  connectMs: number
  tlsMs: number
  firstByteMs: number
  endpoint: string
  checkedAt: string
  durationMs: number
}

/** Mirrors realtime.LiveTestResult. */
export interface LiveTest extends Outcome {
  stage: string
  latencyMs: number
  connectMs: number
  subscribeMs: number
  triggerMs: number
  deliveryMs: number
  socketId: string
  wsCloseCode: number
  httpStatus: number
  serverMessage: string
  missing: string[]
  checkedAt: string
  durationMs: number
}

export interface RealtimeState {
  presence: Presence | null
  credentials: Credentials | null
  live: LiveTest | null
  validating: boolean
  testing: boolean
}

const empty = (): RealtimeState => ({ presence: null, credentials: null, live: null, validating: false, testing: false })

/** byProfile: profile id → its realtime state. Results stay per profile across profile switches. */
export const byProfile = writable<Record<string, RealtimeState>>({})

/** current is the state of the selected profile. */
export const current = derived([byProfile, selectedId], ([$all, $id]) => $all[$id] ?? empty())

function patch(id: string, change: Partial<RealtimeState>) {
  byProfile.update((all) => ({ ...all, [id]: { ...(all[id] ?? empty()), ...change } }))
}

function state(id: string): RealtimeState {
  return get(byProfile)[id] ?? empty()
}

/** Sub-second delivery is what visitors perceive as instant; slower is shown amber. */
export const FAST_MS = 1000
export function latencyTone(ms: number): 'ok' | 'warn' {
  return ms < FAST_MS ? 'ok' : 'warn'
}

// Presence answers can come back out of order when settings change quickly; only the newest counts.
const presenceSeq: Record<string, number> = {}

export async function refreshPresence(id: string): Promise<Presence> {
  const seq = (presenceSeq[id] = (presenceSeq[id] ?? 0) + 1)
  const res = await safeCall(
    () => App.PusherPresence(id) as unknown as Promise<Presence>,
    (o) => ({ ...o, missing: [], problems: [], canValidate: false, canLiveTest: false, reason: '', checkedAt: '', durationMs: 0 }),
  )
  if (seq === presenceSeq[id]) patch(id, { presence: res })
  return res
}

/** validate runs the credential check once; a call while one runs for the profile does nothing (null). */
export async function validate(id: string): Promise<Credentials | null> {
  if (!id || state(id).validating) return null
  patch(id, { validating: true })
  try {
    const res = await safeCall(
      () => App.ValidatePusher(id) as unknown as Promise<Credentials>,
      (o) => ({ ...(o as Credentials), missing: [], warning: '', serverMessage: '' }),
    )
    patch(id, { credentials: res })
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
    const res = await safeCall(
      () => App.PusherLiveTest(id) as unknown as Promise<LiveTest>,
      (o) => ({ ...(o as LiveTest), missing: [], serverMessage: '', stage: '' }),
    )
    patch(id, { live: res })
    return res
  } finally {
    patch(id, { testing: false })
  }
}

// History kinds of backend/history for the two Pusher checks.
const KIND_CREDS = 'pusherCredentials'
const KIND_LIVE = 'pusherLive'

/** unwrap accepts either a stored result or a history entry {kind, savedAt, result}. */
function unwrap<T>(v: unknown): T | null {
  if (!v || typeof v !== 'object') return null
  const o = v as { result?: unknown; code?: unknown }
  if (o.result && typeof o.result === 'object') return o.result as T
  return typeof o.code === 'string' ? (v as T) : null
}

/** loadLast shows the last results Go kept for the profile (from a previous session) where this session has none yet. */
export async function loadLast(id: string): Promise<void> {
  if (!id) return
  let all: Record<string, unknown> | null = null
  try {
    all = (await App.LastResults(id)) as Record<string, unknown>
  } catch {
    return // history is a convenience; the card simply shows "not checked yet"
  }
  const s = state(id)
  const creds = unwrap<Credentials>(all?.[KIND_CREDS])
  const live = unwrap<LiveTest>(all?.[KIND_LIVE])
  patch(id, { credentials: s.credentials ?? creds, live: s.live ?? live })
}

/**
 * watch keeps the selected profile's presence current: it re-asks Go whenever the profile's Pusher settings
 * or its PUSHER_SECRET status change, and loads the kept results once per profile. Returns the unsubscriber.
 */
export function watch(): () => void {
  let lastKey = ''
  const hydrated = new Set<string>()
  const stop = derived([selected, secretStatus], ([$p, $status]) => {
    if (!$p) return ''
    return JSON.stringify([$p.id, $p.pusher, $status[$p.id]?.PUSHER_SECRET === true])
  }).subscribe((key) => {
    if (!key || key === lastKey) return
    lastKey = key
    const id = (JSON.parse(key) as [string])[0]
    void refreshPresence(id)
    if (!hydrated.has(id)) {
      hydrated.add(id)
      void loadLast(id)
    }
  })
  return stop
}
