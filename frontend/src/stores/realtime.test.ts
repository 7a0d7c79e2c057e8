import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge, secretStatus } from './bridge.mock'
// The Go source is the list of codes, so a code added there without a label fails here.
import codesGo from '../../../backend/realtime/codes.go?raw'

vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))

import { profiles, saveProfile, refreshSecretStatus, selectProfile, zeroProfile } from './profiles.svelte'
import * as rt from './realtime.svelte'
import { ISOLATES, codeLabel, hint } from '../i18n'

const presence = (over: Partial<rt.Presence> = {}): rt.Presence => ({
  ok: true, code: 'OK', message: '', params: {}, missing: [], problems: [], canValidate: true, canLiveTest: true, reason: '',
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
  rt.realtime.byProfile = {}
  rt.forget()
  profiles.list = []
  profiles.selectedId = ''
  profiles.secretStatus = {}
  bridge.LastResults.mockResolvedValue({})
})

describe('realtime store', () => {
  it('ignores a second credential check while the first runs, then keeps the result per profile', async () => {
    const d = deferred<unknown>()
    bridge.ValidatePusher.mockReturnValue(d.promise)
    const first = rt.validate('p1')
    expect(rt.realtime.byProfile.p1.validating).toBe(true)
    expect(await rt.validate('p1')).toBeNull()
    expect(bridge.ValidatePusher).toHaveBeenCalledTimes(1)
    // The live test has its own flag: it is not blocked by the credential check.
    bridge.PusherLiveTest.mockResolvedValue({ ok: true, code: 'OK', message: '', latencyMs: 3 })
    expect(await rt.liveTest('p1')).not.toBeNull()
    d.resolve({ ok: false, code: 'INVALID_SECRET', message: 'm' })
    expect((await first)?.code).toBe('INVALID_SECRET')
    const s = rt.realtime.byProfile.p1
    expect(s.validating).toBe(false)
    expect(s.credentials?.code).toBe('INVALID_SECRET')
    expect(s.live?.latencyMs).toBe(3)
    expect(rt.realtime.byProfile.p2).toBeUndefined()
  })

  it('ignores a second live test while the first runs', async () => {
    const d = deferred<unknown>()
    bridge.PusherLiveTest.mockReturnValue(d.promise)
    const first = rt.liveTest('p1')
    expect(await rt.liveTest('p1')).toBeNull()
    d.resolve({ ok: true, code: 'OK', message: '' })
    await first
    expect(bridge.PusherLiveTest).toHaveBeenCalledTimes(1)
    expect(rt.realtime.byProfile.p1.testing).toBe(false)
  })

  it('turns a rejected bridge call into a BRIDGE_ERROR result and clears the running flag', async () => {
    bridge.PusherLiveTest.mockRejectedValue(new Error('boom'))
    const res = await rt.liveTest('p1')
    expect(res?.code).toBe('BRIDGE_ERROR')
    expect(rt.realtime.byProfile.p1).toMatchObject({ testing: false, live: { ok: false, code: 'BRIDGE_ERROR' } })
  })

  it('keeps only the newest presence answer when two overlap', async () => {
    const slow = deferred<unknown>()
    bridge.PusherPresence.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(presence({ code: 'KEY_MISMATCH', canLiveTest: false }))
    const a = rt.refreshPresence('p1')
    await rt.refreshPresence('p1')
    slow.resolve(presence({ code: 'MISSING_CONFIG' }))
    await a
    expect(rt.realtime.byProfile.p1.presence?.code).toBe('KEY_MISMATCH')
  })

  it('refreshes presence when the profile or its PUSHER_SECRET status changes, not on unrelated changes', async () => {
    bridge.PusherPresence.mockResolvedValue(presence())
    bridge.SelectProfile.mockResolvedValue({ ok: true, code: 'OK', message: '' })
    const p = { ...zeroProfile(), id: 'p1', name: 'x' }
    profiles.list = [p, { ...p, id: 'p2' }]
    await selectProfile('p1')
    await flush()
    expect(bridge.PusherPresence).toHaveBeenCalledTimes(1)
    bridge.SecretStatus.mockResolvedValue(secretStatus({ DATABASE_URL: true }))
    await refreshSecretStatus('p1') // unrelated secret: same key
    expect(bridge.PusherPresence).toHaveBeenCalledTimes(1)
    bridge.SecretStatus.mockResolvedValue(secretStatus({ PUSHER_SECRET: true }))
    await refreshSecretStatus('p1')
    expect(bridge.PusherPresence).toHaveBeenCalledTimes(2)
    bridge.SaveProfile.mockImplementation(async (q: typeof p) => ({ ok: true, code: 'OK', message: '', profile: q }))
    await saveProfile({ ...p, pusher: { ...p.pusher, publicKey: 'k' } })
    expect(bridge.PusherPresence).toHaveBeenCalledTimes(3)
    await saveProfile({ ...p, id: 'p2', name: 'y' }) // another profile: not the selected one's presence
    expect(bridge.PusherPresence).toHaveBeenCalledTimes(3)
    expect(bridge.LastResults).toHaveBeenCalledTimes(1)
    await selectProfile('p2')
    expect(bridge.PusherPresence).toHaveBeenLastCalledWith('p2')
    expect(bridge.LastResults).toHaveBeenLastCalledWith('p2')
  })

  it('shows the results Go kept, without overriding a newer one from this session', async () => {
    bridge.LastResults.mockResolvedValue({
      pusherLive: { ok: true, code: 'OK', latencyMs: 12 },
      pusherCredentials: { ok: false, code: 'FORBIDDEN' },
    })
    const mine = await (bridge.ValidatePusher.mockResolvedValue({ ok: true, code: 'OK', message: '' }), rt.validate('p1'))
    expect(mine?.code).toBe('OK')
    await rt.loadLast('p1')
    const s = rt.realtime.byProfile.p1
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
