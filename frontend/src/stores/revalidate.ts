// The revalidation store: the only caller of the revalidation bindings and the only subscriber to the
// "revalidate:progress" event. It keeps one run at a time (a second click does nothing), the progress of
// the run by runId, the cooldown countdown, and the last five runs of the selected profile.
import { get, writable } from 'svelte/store'
import * as App from '../../wailsjs/go/main/App'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { safeCall, type Outcome } from '../lib/result'
import { loadProfiles } from './profiles'

// Mirrors of backend/revalidate's JSON (types.go, oplog.go, validate.go).
export interface Progress {
  runId: string
  profileId: string
  step: number
  steps: number
  done: number
  total: number
  failed: number
  current: string
  phase: string // start | baseline | send | verify | done | canceled
}
export interface ItemResult {
  item: string
  kind: string
  type?: string
  ok: boolean
  code?: string
  reason?: string // revalidate.item.<reason>
  params?: Record<string, string> | null
  error?: string // the site's own words or a redirect location
  instances?: { url: string; ok: boolean; reason?: string; error?: string }[]
}
export interface InstanceResult {
  url: string
  ok: boolean
  code: string
  reason?: string
  message?: string
  httpStatus: number
  nextVersion: string
  requests: number
  durationMs: number
  retryAfterSeconds?: number // the site's Retry-After on THROTTLED
}
export interface VerifyResult {
  path: string
  instance: string
  state: 'fresh' | 'stale' | 'unknown'
  cacheBefore: string
  cacheAfter: string
  httpStatus: number
  attempts: number
  reason?: string // revalidate.verifyWhy.<reason>
  note?: string // the fetch error, for reason fetchFailed
  durationMs: number
}
export interface RunResult extends Outcome {
  runId: string
  kind: string
  mode: string
  dryRun: boolean
  result: string // outcome: ok | partial | failed | canceled | ''
  items: ItemResult[]
  instances: InstanceResult[]
  verify: VerifyResult[]
  nextVersion: string
  retryAfterSeconds: number
  retryOf?: string
  durationMs: number
  checkedAt: string
  /** on SECRET_ORIGIN_CHANGED: where the secret was saved for, and the new origins that got nothing. */
  originChange?: { saved: string[] | null; current: string[] | null }
  logFailed?: boolean
}
export interface LogEntry {
  ts: string
  runId: string
  actor: string
  kind: string
  itemCount: number
  result: string
  code: string
  durationMs: number
}
export interface Status {
  running: boolean
  runId: string
  progress: Progress | null
  cooldownSeconds: number
}
export interface Validated {
  invalid: ItemResult[]
}

export type Action = 'tags' | 'paths' | 'full' | 'test' | 'retry'

export interface RevalidateState {
  profileId: string
  running: boolean
  action: Action | ''
  runId: string // of the run in progress, known from its first progress event
  result: RunResult | null
  cooldown: number // whole seconds left before another run may start
  history: LogEntry[]
  historyMessage: string
  notice: Outcome | null // the answer of confirmOrigin
}

const idle = (profileId = ''): RevalidateState => ({
  profileId, running: false, action: '', runId: '', result: null, cooldown: 0, history: [], historyMessage: '', notice: null,
})

export const revalidation = writable<RevalidateState>(idle())
/** progress of every run seen since the app started, by runId. */
export const progress = writable<Record<string, Progress>>({})

const failedRun = (o: Outcome): RunResult => ({
  ...o, runId: '', kind: '', mode: '', dryRun: false, result: '', items: [], instances: [], verify: [],
  nextVersion: '', retryAfterSeconds: 0, durationMs: 0, checkedAt: new Date().toISOString(),
})

let unsubscribe: (() => void) | null = null

/** listen subscribes to progress events once; the returned function stops listening. */
export function listen(): () => void {
  if (!unsubscribe) {
    unsubscribe = EventsOn('revalidate:progress', (p: Progress) => onProgress(p))
  }
  return () => {
    unsubscribe?.()
    unsubscribe = null
  }
}

function onProgress(p: Progress) {
  if (!p?.runId) return
  progress.update((all) => {
    const prev = all[p.runId]
    // Events leave Go in order, but a late Status snapshot must not move the bar back.
    if (prev && prev.step > p.step && p.phase !== 'canceled') return all
    return { ...all, [p.runId]: p }
  })
  revalidation.update((s) => (s.running && s.profileId === p.profileId && !s.runId ? { ...s, runId: p.runId } : s))
}

// Cooldown: counted from a deadline, not by decrementing, so a throttled tab still shows the right figure.
let timer: ReturnType<typeof setInterval> | null = null
let cooldownUntil = 0

function startCooldown(seconds: number) {
  if (timer) clearInterval(timer)
  timer = null
  cooldownUntil = Date.now() + seconds * 1000
  const tick = () => {
    const left = Math.max(0, Math.ceil((cooldownUntil - Date.now()) / 1000))
    revalidation.update((s) => ({ ...s, cooldown: left }))
    if (left === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  }
  tick()
  if (seconds > 0) timer = setInterval(tick, 1000)
}

/** load switches the store to a profile: a run still going (view re-opened), its cooldown, its last runs. */
export async function load(profileId: string): Promise<void> {
  revalidation.set(idle(profileId))
  startCooldown(0)
  if (!profileId) return
  const [status] = await Promise.all([
    readStatus(profileId),
    refreshHistory(profileId),
  ])
  if (!status || get(revalidation).profileId !== profileId) return
  if (status.running) {
    if (status.progress) onProgress(status.progress)
    revalidation.update((s) => ({ ...s, running: true, runId: status.runId }))
    void waitForRun(profileId)
  }
  if (status.cooldownSeconds > 0) startCooldown(status.cooldownSeconds)
}

// A run started before the view was opened: poll its status until it ends, then refresh.
async function waitForRun(profileId: string) {
  for (;;) {
    await new Promise((r) => setTimeout(r, 500))
    if (get(revalidation).profileId !== profileId) return
    const st = await readStatus(profileId)
    if (st && !st.running) {
      revalidation.update((s) => ({ ...s, running: false, action: '' }))
      startCooldown(st.cooldownSeconds)
      await refreshHistory(profileId)
      return
    }
  }
}

export async function refreshHistory(profileId: string): Promise<void> {
  const h = await safeCall(
    () => App.RevalidationHistory(profileId) as unknown as Promise<Outcome & { entries: LogEntry[]; reason?: string }>,
    (o) => ({ ...o, entries: [] as LogEntry[], reason: '' }),
  )
  // historyMessage keeps what to say (a code, and a reason when Go named one); RevalidateLog says it.
  const note = h.reason ? `${h.code}:${h.reason}` : h.ok ? '' : h.code
  revalidation.update((s) => (s.profileId === profileId ? { ...s, history: h.entries ?? [], historyMessage: note } : s))
}

/** start runs one action for the selected profile; null when one is already running (second click). */
async function start(action: Action, call: (id: string) => Promise<RunResult>): Promise<RunResult | null> {
  const s = get(revalidation)
  if (s.running || !s.profileId) return null
  const profileId = s.profileId
  revalidation.set({ ...s, running: true, action, runId: '', result: null, notice: null })
  const res = await safeCall(() => call(profileId), failedRun)
  if (get(revalidation).profileId !== profileId) return res // the admin switched profile meanwhile
  revalidation.update((x) => ({ ...x, running: false, action: '', runId: res.runId || x.runId, result: res }))
  if (res.code === 'THROTTLED') {
    startCooldown(res.retryAfterSeconds)
  } else if (res.runId && !res.dryRun) {
    const st = await readStatus(profileId)
    if (st) startCooldown(st.cooldownSeconds)
  }
  if (res.runId) await refreshHistory(profileId)
  return res
}

export const revalidateTags = (tags: string[]) => start('tags', (id) => App.RevalidateTags(id, tags) as unknown as Promise<RunResult>)
export const revalidatePaths = (paths: string[]) => start('paths', (id) => App.RevalidatePaths(id, paths) as unknown as Promise<RunResult>)
/** fullRefresh: confirmed must be true on a production profile (the card asks first). */
export const fullRefresh = (confirmed: boolean) => start('full', (id) => App.FullRefresh(id, confirmed) as unknown as Promise<RunResult>)
export const testConnection = () => start('test', (id) => App.TestSiteConnection(id) as unknown as Promise<RunResult>)

/** retryFailed re-runs the failed items of the last run shown. */
export function retryFailed(): Promise<RunResult | null> {
  const runId = get(revalidation).result?.runId || get(revalidation).history[0]?.runId
  if (!runId) return Promise.resolve(null)
  return start('retry', (id) => App.RetryFailedRevalidation(id, runId) as unknown as Promise<RunResult>)
}

/**
 * confirmOrigin answers SECRET_ORIGIN_CHANGED: the admin says the profile's new address is their site, so
 * the saved REVALIDATE_SECRET may go there. On success the refused result is cleared and the profiles are
 * re-read (they carry the binding).
 */
export async function confirmOrigin(): Promise<Outcome> {
  const { profileId } = get(revalidation)
  if (!profileId) return { ok: false, code: 'NOT_CONFIGURED', message: '' }
  const o = await safeCall(() => App.ConfirmSecretOrigin(profileId) as unknown as Promise<Outcome>, (f) => f)
  if (get(revalidation).profileId !== profileId) return o
  revalidation.update((s) => ({ ...s, notice: o, result: o.ok ? null : s.result }))
  if (o.ok) await loadProfiles()
  return o
}

export async function cancel(): Promise<boolean> {
  const { profileId, running } = get(revalidation)
  if (!running) return false
  try {
    return await App.CancelRevalidation(profileId)
  } catch {
    return false
  }
}

// readStatus is null when the bridge failed: the card then keeps what it shows.
async function readStatus(profileId: string): Promise<Status | null> {
  try {
    return (await App.RevalidationStatus(profileId)) as unknown as Status
  } catch {
    return null
  }
}

/** validate returns the refused items with their Arabic reasons (no network). */
export async function validate(tags: string[], paths: string[]): Promise<ItemResult[]> {
  const v = await safeCall(() => App.ValidateRevalidation(tags, paths) as unknown as Promise<Validated>, () => ({ invalid: [] }))
  return v.invalid ?? []
}

/** canRetry: the last run left items undone. */
export function canRetry(r: RunResult | null): boolean {
  return !!r && !!r.runId && !r.dryRun && (r.result === 'partial' || r.result === 'failed')
}

/** percent of a progress, 0..100. */
export function percent(p: Progress | null | undefined): number {
  if (!p || p.steps <= 0) return p && (p.phase === 'done' || p.phase === 'canceled') ? 100 : 0
  return Math.round((Math.min(p.step, p.steps) / p.steps) * 100)
}
