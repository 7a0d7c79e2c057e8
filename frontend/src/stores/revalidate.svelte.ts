// The revalidation store: the only caller of the revalidation bindings and the only subscriber to the
// "revalidate:progress" event. It keeps one run at a time (a second click does nothing), the progress of
// the run by runId, the cooldown countdown, the last five runs of the selected profile, and the tags and
// paths being edited (reset to the profile's lists on a profile switch, flagged live as they change).
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { safeCall, type Failure } from '../lib/result'
import { loadProfiles, onProfileChange, onProfileSwitch, profiles } from './profiles.svelte'
import { checked } from './watch.svelte'

export type Progress = models.revalidate.Progress
export type RunResult = models.revalidate.Result
export type LogEntry = models.revalidate.LogEntry
type Status = models.revalidate.Status
type ItemResult = models.revalidate.ItemResult

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
  notice: models.settings.Outcome | null // the answer of confirmOrigin
}

const idle = (profileId = ''): RevalidateState => ({
  profileId, running: false, action: '', runId: '', result: null, cooldown: 0, history: [], historyMessage: '', notice: null,
})

class Revalidation {
  state = $state.raw<RevalidateState>(idle())
  /** progress of every run seen since the app started, by runId. */
  progress = $state.raw<Record<string, Progress>>({})
  /** The tags and paths being edited, and why each refused item is refused (item → Go's answer: code,
   * reason and params; the card says it in the current language). */
  tags = $state.raw<string[]>([])
  paths = $state.raw<string[]>([])
  invalid = $state.raw<Record<string, ItemResult>>({})
}

export const revalidation = new Revalidation()

function patch(change: Partial<RevalidateState>) {
  revalidation.state = { ...revalidation.state, ...change }
}

const failedRun = (f: Failure): RunResult => ({
  ...f, runId: '', kind: '', mode: '', dryRun: false, result: '', items: [], instances: [], verify: [],
  nextVersion: '', retryAfterSeconds: 0, startedAt: '', durationMs: 0, checkedAt: new Date().toISOString(),
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
  const prev = revalidation.progress[p.runId]
  // Events leave Go in order, but a late Status snapshot must not move the bar back.
  if (!(prev && prev.step > p.step && p.phase !== 'canceled')) {
    revalidation.progress = { ...revalidation.progress, [p.runId]: p }
  }
  const s = revalidation.state
  if (s.running && s.profileId === p.profileId && !s.runId) patch({ runId: p.runId })
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
    patch({ cooldown: left })
    if (left === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  }
  tick()
  if (seconds > 0) timer = setInterval(tick, 1000)
}

/**
 * load switches the store to a profile: a run still going (view re-opened), its cooldown, its last runs,
 * and the chips reset to the profile's lists (Go's new-profile defaults when it has none).
 */
export async function load(profileId: string): Promise<void> {
  revalidation.state = idle(profileId)
  startCooldown(0)
  resetChips(profileId)
  if (!profileId) return
  const [status] = await Promise.all([readStatus(profileId), refreshHistory(profileId)])
  if (!status || revalidation.state.profileId !== profileId) return
  if (status.running) {
    if (status.progress) onProgress(status.progress)
    patch({ running: true, runId: status.runId })
    void waitForRun(profileId)
  }
  if (status.cooldownSeconds > 0) startCooldown(status.cooldownSeconds)
}

// The lists the chips were last reset from, so a save that changes them (Settings) shows the new lists
// while chip edits on the card are kept through unrelated saves.
let chipsFrom = ''

function resetChips(profileId: string) {
  const p = profiles.byId(profileId)
  const d = profiles.defaults.revalidation // Go's (NewProfile): the site's refreshAllCaches targets
  revalidation.tags = [...(p?.revalidation.tags?.length ? p.revalidation.tags : (d.tags ?? []))]
  revalidation.paths = [...(p?.revalidation.paths?.length ? p.revalidation.paths : (d.paths ?? []))]
  chipsFrom = JSON.stringify([profileId, p?.revalidation.tags, p?.revalidation.paths])
  void flagInvalid()
}

// A profile switch reloads the card's state; a change of the selected profile's saved lists resets the chips.
onProfileSwitch((id) => void load(id))
onProfileChange((id) => {
  const p = profiles.byId(id)
  if (id !== revalidation.state.profileId || !p) return
  if (JSON.stringify([id, p.revalidation.tags, p.revalidation.paths]) !== chipsFrom) resetChips(id)
})

/** setTags / setPaths change the chips being edited; each change is validated (newest answer wins). */
export function setTags(tags: string[]): void {
  revalidation.tags = tags
  void flagInvalid()
}
export function setPaths(paths: string[]): void {
  revalidation.paths = paths
  void flagInvalid()
}

let validation = 0
async function flagInvalid(): Promise<void> {
  const seq = ++validation
  const items = await validate(revalidation.tags, revalidation.paths)
  if (seq !== validation) return // a newer edit superseded this answer
  const next: Record<string, ItemResult> = {}
  for (const it of items) next[it.item] = it
  revalidation.invalid = next
}

// A run started before the view was opened: poll its status until it ends, then refresh.
async function waitForRun(profileId: string) {
  for (;;) {
    await new Promise((r) => setTimeout(r, 500))
    if (revalidation.state.profileId !== profileId) return
    const st = await readStatus(profileId)
    if (st && !st.running) {
      patch({ running: false, action: '' })
      startCooldown(st.cooldownSeconds)
      await refreshHistory(profileId)
      return
    }
  }
}

export async function refreshHistory(profileId: string): Promise<void> {
  const h = await safeCall(
    () => App.RevalidationHistory(profileId),
    (f): models.revalidate.History => ({ ...f, entries: [], skippedLines: 0, checkedAt: '', durationMs: 0 }),
  )
  if (revalidation.state.profileId !== profileId) return
  // historyMessage keeps what to say (a code, and a reason when Go named one); RevalidateLog says it.
  const note = h.reason ? `${h.code}:${h.reason}` : h.ok ? '' : h.code
  patch({ history: h.entries ?? [], historyMessage: note })
}

/** start runs one action for the selected profile; null when one is already running (second click). */
async function start(action: Action, call: (id: string) => Promise<RunResult>): Promise<RunResult | null> {
  const s = revalidation.state
  if (s.running || !s.profileId) return null
  const profileId = s.profileId
  revalidation.state = { ...s, running: true, action, runId: '', result: null, notice: null }
  const res = await safeCall(() => call(profileId), failedRun)
  if (revalidation.state.profileId !== profileId) return res // the admin switched profile meanwhile
  patch({ running: false, action: '', runId: res.runId || revalidation.state.runId, result: res })
  if (res.code === 'THROTTLED') {
    startCooldown(res.retryAfterSeconds)
  } else if (res.runId && !res.dryRun) {
    const st = await readStatus(profileId)
    if (st) startCooldown(st.cooldownSeconds)
  }
  if (res.runId) await refreshHistory(profileId)
  return res
}

export const revalidateTags = (tags: string[]) => start('tags', (id) => App.RevalidateTags(id, tags))
export const revalidatePaths = (paths: string[]) => start('paths', (id) => App.RevalidatePaths(id, paths))
/** fullRefresh: confirmed must be true on a production profile (the card asks first). */
export const fullRefresh = (confirmed: boolean) => start('full', (id) => App.FullRefresh(id, confirmed))
export const testConnection = () => start('test', (id) => App.TestSiteConnection(id).finally(() => checked(id, 'site')))

/** retryFailed re-runs the failed items of the last run shown. */
export function retryFailed(): Promise<RunResult | null> {
  const runId = revalidation.state.result?.runId || revalidation.state.history[0]?.runId
  if (!runId) return Promise.resolve(null)
  return start('retry', (id) => App.RetryFailedRevalidation(id, runId))
}

/**
 * confirmOrigin answers SECRET_ORIGIN_CHANGED: the admin says the profile's new address is their site, so
 * the saved REVALIDATE_SECRET may go there. On success the refused result is cleared and the profiles are
 * re-read (they carry the binding).
 */
export async function confirmOrigin(): Promise<models.settings.Outcome> {
  const { profileId } = revalidation.state
  if (!profileId) return { ok: false, code: 'NOT_CONFIGURED', message: '', params: {}, fieldErrors: {} }
  const o = await safeCall(() => App.ConfirmSecretOrigin(profileId), (f) => ({ ...f, fieldErrors: {} }))
  if (revalidation.state.profileId !== profileId) return o
  patch({ notice: o, result: o.ok ? null : revalidation.state.result })
  if (o.ok) await loadProfiles()
  return o
}

export async function cancel(): Promise<boolean> {
  const { profileId, running } = revalidation.state
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
    return await App.RevalidationStatus(profileId)
  } catch {
    return null
  }
}

/** validate returns the refused items with their reasons (no network). */
export async function validate(tags: string[], paths: string[]): Promise<ItemResult[]> {
  const v = await safeCall(
    () => App.ValidateRevalidation(tags, paths),
    (): models.revalidate.Validated => ({ tags: [], paths: [], invalid: [], dropped: 0 }),
  )
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
