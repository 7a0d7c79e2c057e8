import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge } from './bridge.mock'

const events = vi.hoisted(() => ({ handlers: {} as Record<string, (d: unknown) => void>, off: vi.fn() }))
vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))
vi.mock('../../wailsjs/runtime/runtime', () => ({
  EventsOn: (name: string, cb: (d: unknown) => void) => {
    events.handlers[name] = cb
    return events.off
  },
}))

import * as store from './revalidate.svelte'
import { profiles, saveProfile, selectProfile, zeroProfile } from './profiles.svelte'

const idleStatus = { running: false, runId: '', progress: null, cooldownSeconds: 0 }
const entry = (runId: string) => ({ ts: '2025-01-01T10:00:00Z', runId, actor: 'admin', kind: 'tags', itemCount: 1, result: 'ok', code: 'OK', durationMs: 12 })
const run = (over: Partial<store.RunResult> = {}): store.RunResult => ({
  ok: true, code: 'OK', message: 'done', params: {}, runId: 'r1', kind: 'tags', mode: 'expire', dryRun: false, result: 'ok',
  items: [], instances: [], verify: [], nextVersion: '16', retryAfterSeconds: 0, startedAt: '', durationMs: 5, checkedAt: '', ...over,
})
const emit = (p: Partial<store.Progress>) =>
  events.handlers['revalidate:progress']({ runId: 'r1', profileId: 'p1', step: 0, steps: 4, done: 0, total: 4, failed: 0, current: '', phase: 'send', ...p })

let stop: () => void
beforeEach(async () => {
  vi.useFakeTimers()
  vi.resetAllMocks()
  bridge.RevalidationStatus.mockResolvedValue(idleStatus)
  bridge.RevalidationHistory.mockResolvedValue({ ok: true, code: 'OK', message: '', entries: [] })
  bridge.ValidateRevalidation.mockResolvedValue({ tags: [], paths: [], invalid: [], dropped: 0 })
  bridge.NewProfile.mockResolvedValue(zeroProfile())
  stop = store.listen()
  await store.load('p1')
})
afterEach(() => {
  stop()
  vi.useRealTimers()
})

describe('revalidate store', () => {
  it('ignores a second click while a run is going, and tracks progress by runId', async () => {
    let finish!: (r: store.RunResult) => void
    bridge.RevalidateTags.mockReturnValue(new Promise((r) => (finish = r)))
    const first = store.revalidateTags(['products'])
    expect(store.revalidation.state.running).toBe(true)
    expect(await store.revalidateTags(['products'])).toBeNull()
    expect(await store.fullRefresh(true)).toBeNull()
    expect(bridge.RevalidateTags).toHaveBeenCalledTimes(1)
    expect(bridge.FullRefresh).not.toHaveBeenCalled()

    emit({ step: 1 })
    emit({ step: 3 })
    emit({ step: 2 }) // a stale snapshot never moves the bar back
    expect(store.revalidation.state.runId).toBe('r1')
    expect(store.revalidation.progress.r1.step).toBe(3)
    expect(store.percent(store.revalidation.progress.r1)).toBe(75)

    bridge.RevalidationStatus.mockResolvedValue({ ...idleStatus, cooldownSeconds: 10 })
    bridge.RevalidationHistory.mockResolvedValue({ ok: true, code: 'OK', message: '', entries: [entry('r1')] })
    finish(run())
    expect((await first)?.runId).toBe('r1')
    const s = store.revalidation.state
    expect(s.running).toBe(false)
    expect(s.history.map((e) => e.runId)).toEqual(['r1'])
    expect(s.cooldown).toBe(10)
  })

  it('counts the cooldown down every second from a THROTTLED answer', async () => {
    bridge.FullRefresh.mockResolvedValue(run({ ok: false, code: 'THROTTLED', runId: '', result: '', retryAfterSeconds: 7 }))
    await store.fullRefresh(false)
    expect(store.revalidation.state.cooldown).toBe(7)
    vi.advanceTimersByTime(1000)
    expect(store.revalidation.state.cooldown).toBe(6)
    vi.advanceTimersByTime(6000)
    expect(store.revalidation.state.cooldown).toBe(0)
    expect(bridge.RevalidationHistory).toHaveBeenCalledTimes(1) // nothing ran: the log did not change
  })

  it('counts down the site\'s Retry-After after a 429 (THROTTLED from a run that was sent)', async () => {
    bridge.TestSiteConnection.mockResolvedValue(run({ ok: false, code: 'THROTTLED', runId: 'r7', dryRun: true, result: 'failed', retryAfterSeconds: 42,
      instances: [{ url: 'https://shop.example', ok: false, code: 'THROTTLED', httpStatus: 429, nextVersion: '', requests: 1, durationMs: 1, retryAfterSeconds: 42 }] }))
    await store.testConnection()
    expect(store.revalidation.state.cooldown).toBe(42)
    vi.advanceTimersByTime(2000)
    expect(store.revalidation.state.cooldown).toBe(40)
  })

  it('confirms the secret for the new origin, clears the refusal and re-reads the profiles', async () => {
    const refused = run({ ok: false, code: 'SECRET_ORIGIN_CHANGED', runId: '', result: '', originChange: { saved: ['https://old.example'], current: ['https://new.example'] } })
    bridge.TestSiteConnection.mockResolvedValue(refused)
    await store.testConnection()
    expect(store.revalidation.state.result?.originChange?.current).toEqual(['https://new.example'])

    bridge.ConfirmSecretOrigin.mockResolvedValue({ ok: false, code: 'SECRET_NOT_SAVED', message: 'لا سر' })
    expect((await store.confirmOrigin()).code).toBe('SECRET_NOT_SAVED')
    expect(store.revalidation.state.result).toEqual(refused) // a failed confirmation keeps the explanation
    expect(bridge.ListProfiles).not.toHaveBeenCalled()

    bridge.ConfirmSecretOrigin.mockResolvedValue({ ok: true, code: 'OK', message: 'سيُرسل' })
    bridge.ListProfiles.mockResolvedValue({ ok: true, code: 'OK', message: '', profiles: [], selectedId: '', warning: null })
    const o = await store.confirmOrigin()
    expect(o.ok).toBe(true)
    expect(bridge.ConfirmSecretOrigin).toHaveBeenLastCalledWith('p1')
    expect(store.revalidation.state.result).toBeNull()
    expect(store.revalidation.state.notice?.ok).toBe(true)
    expect(bridge.ListProfiles).toHaveBeenCalledTimes(1)
  })

  it('reloads the last runs and a running run on profile change', async () => {
    bridge.RevalidationHistory.mockResolvedValue({ ok: true, code: 'OK', message: '', entries: [entry('a'), entry('b')] })
    bridge.RevalidationStatus.mockResolvedValue({ running: true, runId: 'r9', cooldownSeconds: 0, progress: { runId: 'r9', profileId: 'p2', step: 2, steps: 5, phase: 'send' } })
    await store.load('p2')
    const s = store.revalidation.state
    expect(bridge.RevalidationHistory).toHaveBeenLastCalledWith('p2')
    expect(s.history).toHaveLength(2)
    expect(s.running).toBe(true)
    expect(store.revalidation.progress.r9.step).toBe(2)
    // The poll notices the end of that run.
    bridge.RevalidationStatus.mockResolvedValue({ ...idleStatus, cooldownSeconds: 3 })
    await vi.advanceTimersByTimeAsync(600)
    expect(store.revalidation.state.running).toBe(false)
    expect(store.revalidation.state.cooldown).toBe(3)
  })

  it('cancels through the bridge only while running, and retries the failed items of the last run', async () => {
    expect(await store.cancel()).toBe(false)
    expect(bridge.CancelRevalidation).not.toHaveBeenCalled()
    bridge.RevalidatePaths.mockResolvedValue(run({ runId: 'r5', result: 'partial', ok: false, code: 'SITE_ERROR' }))
    const res = await store.revalidatePaths(['/'])
    expect(store.canRetry(res)).toBe(true)
    bridge.RetryFailedRevalidation.mockResolvedValue(run({ runId: 'r6', retryOf: 'r5' }))
    await store.retryFailed()
    expect(bridge.RetryFailedRevalidation).toHaveBeenCalledWith('p1', 'r5')
    expect(store.canRetry(store.revalidation.state.result)).toBe(false)
  })

  it('turns a rejected bridge call into a BRIDGE_ERROR result and frees the buttons', async () => {
    bridge.TestSiteConnection.mockRejectedValue(new Error('boom'))
    const res = await store.testConnection()
    expect(res?.code).toBe('BRIDGE_ERROR')
    expect(store.revalidation.state.running).toBe(false)
  })
})

describe('revalidate chips', () => {
  it('resets the chips to the selected profile\'s lists on a switch, and flags what Go refuses, newest answer first', async () => {
    vi.useRealTimers()
    const p2 = { ...zeroProfile(), id: 'p2', name: 'x' }
    p2.revalidation = { ...p2.revalidation, tags: ['shoes'], paths: [] }
    profiles.list = [{ ...zeroProfile(), id: 'p1', name: 'y' }, p2]
    profiles.defaults = { ...zeroProfile(), revalidation: { tags: ['products'], paths: ['/', '/dashboard'], cooldownSeconds: 10 } }
    profiles.selectedId = 'p1'
    bridge.SelectProfile.mockResolvedValue({ ok: true, code: 'OK', message: '' })
    await selectProfile('p2')
    expect(store.revalidation.tags).toEqual(['shoes'])
    expect(store.revalidation.paths).toEqual(['/', '/dashboard']) // none saved: Go's defaults
    expect(bridge.RevalidationHistory).toHaveBeenLastCalledWith('p2')

    let slow!: (v: unknown) => void
    bridge.ValidateRevalidation.mockReturnValueOnce(new Promise((r) => (slow = r)))
    store.setTags(['shoes', 'bad tag'])
    bridge.ValidateRevalidation.mockResolvedValueOnce({ tags: [], paths: [], invalid: [{ item: 'bad tag', kind: 'tag', ok: false, code: 'INVALID_INPUT', reason: 'tagTooLong', params: { max: '256' } }], dropped: 0 })
    store.setTags(['shoes', 'bad tag', 'x'])
    await vi.waitFor(() => expect(Object.keys(store.revalidation.invalid)).toEqual(['bad tag']))
    expect(store.revalidation.invalid['bad tag']?.reason).toBe('tagTooLong')
    slow({ tags: [], paths: [], invalid: [], dropped: 0 }) // the older answer comes last and is ignored
    await new Promise((r) => setTimeout(r, 0))
    expect(Object.keys(store.revalidation.invalid)).toEqual(['bad tag'])

    // A save that leaves the lists alone keeps the chips being edited; one that changes them shows the new lists.
    bridge.SaveProfile.mockImplementation(async (q: typeof p2) => ({ ok: true, code: 'OK', message: '', profile: q }))
    await saveProfile({ ...p2, name: 'renamed' })
    expect(store.revalidation.tags).toEqual(['shoes', 'bad tag', 'x'])
    await saveProfile({ ...p2, revalidation: { ...p2.revalidation, tags: ['hats'] } })
    expect(store.revalidation.tags).toEqual(['hats'])
  })
})

describe('revalidate catalog', () => {
  // Every code backend/revalidate (types.go) and the facade (CONFIRM_REQUIRED) can return.
  const codes = ['OK', 'UNAUTHORIZED', 'ROUTE_MISSING', 'INVALID_INPUT', 'TOO_LARGE', 'SITE_ERROR', 'SITE_SECRET_MISSING',
    'UNREACHABLE', 'TIMEOUT', 'BUSY', 'THROTTLED', 'NOT_CONFIGURED', 'CANCELED', 'INSECURE_URL', 'NOT_FOUND', 'CONFIRM_REQUIRED',
    'SECRET_ORIGIN_CHANGED', 'SITE_SECRET_WEAK', 'SECRET_NOT_SAVED']
  it('labels every code with an actionable hint', async () => {
    const { codeLabel, hint, ISOLATES } = await import('../i18n')
    for (const c of codes) {
      expect(codeLabel('revalidate', c), c).not.toBe(c)
      expect(hint('revalidate', { code: c }), c).not.toBe('')
    }
    expect(hint('revalidate', { code: 'ROUTE_MISSING' }).replace(ISOLATES, '')).toContain('integrations/nextjs')
    expect(hint('revalidate', { code: 'SITE_SECRET_WEAK' }).replace(ISOLATES, '')).toContain('openssl rand -base64 32')
  })
})
