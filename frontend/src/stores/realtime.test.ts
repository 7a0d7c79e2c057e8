import { beforeEach, describe, expect, it, vi } from 'vitest'
import { get } from 'svelte/store'
// The Go source is the list of codes, so a code added there without a label fails here.
import codesGo from '../../../backend/realtime/codes.go?raw'

const bridge = vi.hoisted(() => ({
  PusherPresence: vi.fn(),
  ValidatePusher: vi.fn(),
  PusherLiveTest: vi.fn(),
  LastResults: vi.fn(),
}))
vi.mock('../../wailsjs/go/main/App', () => bridge)

import { emptyProfile } from '../lib/types'
import { profiles, secretStatus, selectedId } from './profiles'
import * as rt from './realtime'
import { ISOLATES, codeLabel, hint } from '../i18n'

const presence = (over: Partial<rt.Presence> = {}): rt.Presence => ({
  ok: true, code: 'OK', message: '', missing: [], problems: [], canValidate: true, canLiveTest: true, reason: '',
  checkedAt: '', durationMs: 0, ...over,
})

/** deferred lets a test hold a bound call open while it clicks again. */
function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

beforeEach(() => {
  vi.resetAllMocks()
  rt.byProfile.set({})
  profiles.set([])
  selectedId.set('')
  secretStatus.set({})
  bridge.LastResults.mockResolvedValue({})
})

describe('realtime store', () => {
  it('ignores a second credential check while the first runs, then keeps the result per profile', async () => {
    const d = deferred<unknown>()
    bridge.ValidatePusher.mockReturnValue(d.promise)
    const first = rt.validate('p1')
    expect(get(rt.byProfile).p1.validating).toBe(true)
    expect(await rt.validate('p1')).toBeNull()
    expect(bridge.ValidatePusher).toHaveBeenCalledTimes(1)
    // The live test has its own flag: it is not blocked by the credential check.
    bridge.PusherLiveTest.mockResolvedValue({ ok: true, code: 'OK', message: '', latencyMs: 3 })
    expect(await rt.liveTest('p1')).not.toBeNull()
    d.resolve({ ok: false, code: 'INVALID_SECRET', message: 'm' })
    expect((await first)?.code).toBe('INVALID_SECRET')
    const s = get(rt.byProfile).p1
    expect(s.validating).toBe(false)
    expect(s.credentials?.code).toBe('INVALID_SECRET')
    expect(s.live?.latencyMs).toBe(3)
    expect(get(rt.byProfile).p2).toBeUndefined()
  })

  it('ignores a second live test while the first runs', async () => {
    const d = deferred<unknown>()
    bridge.PusherLiveTest.mockReturnValue(d.promise)
    const first = rt.liveTest('p1')
    expect(await rt.liveTest('p1')).toBeNull()
    d.resolve({ ok: true, code: 'OK', message: '' })
    await first
    expect(bridge.PusherLiveTest).toHaveBeenCalledTimes(1)
    expect(get(rt.byProfile).p1.testing).toBe(false)
  })

  it('turns a rejected bridge call into a BRIDGE_ERROR result and clears the running flag', async () => {
    bridge.PusherLiveTest.mockRejectedValue(new Error('boom'))
    const res = await rt.liveTest('p1')
    expect(res?.code).toBe('BRIDGE_ERROR')
    expect(get(rt.byProfile).p1).toMatchObject({ testing: false, live: { ok: false, code: 'BRIDGE_ERROR' } })
  })

  it('keeps only the newest presence answer when two overlap', async () => {
    const slow = deferred<unknown>()
    bridge.PusherPresence.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(presence({ code: 'KEY_MISMATCH', canLiveTest: false }))
    const a = rt.refreshPresence('p1')
    await rt.refreshPresence('p1')
    slow.resolve(presence({ code: 'MISSING_CONFIG' }))
    await a
    expect(get(rt.byProfile).p1.presence?.code).toBe('KEY_MISMATCH')
  })

  it('refreshes presence when the profile or its PUSHER_SECRET status changes, not on unrelated changes', async () => {
    bridge.PusherPresence.mockResolvedValue(presence())
    const p = { ...emptyProfile(), id: 'p1', name: 'x' }
    profiles.set([p])
    selectedId.set('p1')
    const stop = rt.watch()
    await flush()
    expect(bridge.PusherPresence).toHaveBeenCalledTimes(1)
    secretStatus.set({ p1: { PUSHER_SECRET: false, DATABASE_URL: true } }) // unrelated secret: same key
    await flush()
    expect(bridge.PusherPresence).toHaveBeenCalledTimes(1)
    secretStatus.set({ p1: { PUSHER_SECRET: true } })
    await flush()
    expect(bridge.PusherPresence).toHaveBeenCalledTimes(2)
    profiles.set([{ ...p, pusher: { ...p.pusher, publicKey: 'k' } }])
    await flush()
    expect(bridge.PusherPresence).toHaveBeenCalledTimes(3)
    expect(bridge.LastResults).toHaveBeenCalledTimes(1)
    stop()
    profiles.set([{ ...p, pusher: { ...p.pusher, publicKey: 'k2' } }])
    await flush()
    expect(bridge.PusherPresence).toHaveBeenCalledTimes(3)
  })

  it('shows the results Go kept, without overriding a newer one from this session', async () => {
    bridge.LastResults.mockResolvedValue({
      pusherLive: { kind: 'pusherLive', savedAt: '2025-01-01T00:00:00Z', result: { ok: true, code: 'OK', latencyMs: 12 } },
      pusherCredentials: { ok: false, code: 'FORBIDDEN' },
    })
    rt.byProfile.set({ p1: { presence: null, credentials: { ok: true, code: 'OK' } as rt.Credentials, live: null, validating: false, testing: false } })
    await rt.loadLast('p1')
    const s = get(rt.byProfile).p1
    expect(s.live?.latencyMs).toBe(12)
    expect(s.credentials?.code).toBe('OK')
  })

  it('colours sub-second delivery green and slower amber', () => {
    expect(rt.latencyTone(999)).toBe('ok')
    expect(rt.latencyTone(1000)).toBe('warn')
  })
})

describe('realtime catalog', () => {
  it('labels every code the realtime package can return, and hints every failure', () => {
    const own = [...codesGo.matchAll(/^\s*Code\w+\s*=\s*"([A-Z_]+)"/gm)].map((m) => m[1])
    expect(own.length).toBeGreaterThanOrEqual(20)
    const all = [...own, 'OK', 'TIMEOUT', 'UNREACHABLE', 'CANCELED', 'INTERNAL']
    for (const code of all) {
      expect(codeLabel('realtime', code), code).not.toBe(code)
      if (code !== 'OK') expect(hint('realtime', { code }), code).not.toBe('')
    }
    expect(codeLabel('realtime', 'INVALID_SECRET')).not.toBe(codeLabel('realtime', 'FORBIDDEN'))
    const fix = (code: string) => hint('realtime', { code }).replace(ISOLATES, '')
    // The three failures admins confuse most send them to different settings.
    expect(fix('INVALID_SECRET')).toContain('PUSHER_SECRET')
    expect(fix('CLUSTER_MISMATCH')).toContain('NEXT_PUBLIC_PUSHER_CLUSTER')
    expect(fix('FORBIDDEN')).not.toContain('PUSHER_SECRET')
  })
})
