import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge } from './bridge.mock'

vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))

import * as store from './forms.svelte'
import { zeroProfile } from './profiles.svelte'

beforeEach(() => vi.resetAllMocks())

describe('forms store', () => {
  it('drops the answer to an older validation, so a slow one never brings back a fixed error', async () => {
    let answerFirst: (v: unknown) => void = () => {}
    bridge.ValidateProfile.mockReturnValueOnce(new Promise((r) => (answerFirst = r)))
    bridge.ValidateProfile.mockResolvedValueOnce({ ok: true, code: 'OK', message: '', fieldErrors: {} })
    const first = store.validate(zeroProfile())
    const second = store.validate(zeroProfile())
    answerFirst({ ok: false, code: 'INVALID_INPUT', message: '', fieldErrors: { name: { code: 'required' } } })
    expect(await first).toBeNull()
    expect(await second).toEqual({})
  })

  it('a lost bridge neither clears nor adds an error', async () => {
    bridge.ValidateProfile.mockRejectedValue(new Error('gone'))
    expect(await store.validate(zeroProfile())).toBeNull()
  })

  it('marks a closed file dialog as cancelled and keeps no token', async () => {
    bridge.PreviewImportEnv.mockResolvedValue({ ok: false, code: 'CANCELED', message: '', params: {}, fieldErrors: {}, token: '', changes: [] })
    const res = await store.previewImport('p1')
    expect(res.cancelled).toBe(true)
    expect(bridge.ApplyImport).not.toHaveBeenCalled()
  })

  it('previews a draft (no profile yet) through the draft method, and a saved profile through its own', async () => {
    const answer = { ok: true, code: 'OK', message: '', params: {}, fieldErrors: {}, token: 't1', changes: [] }
    bridge.PreviewImportEnvNew.mockResolvedValue(answer)
    bridge.PreviewImportEnv.mockResolvedValue(answer)
    const draft = { ...zeroProfile(), name: 'متجر', kind: 'staging' as const }
    expect((await store.previewImport('', draft)).token).toBe('t1')
    expect(bridge.PreviewImportEnvNew).toHaveBeenCalledWith(draft)
    expect(bridge.PreviewImportEnv).not.toHaveBeenCalled()
    await store.previewImport('p1', draft)
    expect(bridge.PreviewImportEnv).toHaveBeenCalledWith('p1')
    expect(bridge.PreviewImportEnvNew).toHaveBeenCalledTimes(1)
  })

  it('sends the password to the password method alone', async () => {
    bridge.SetDatabasePassword.mockResolvedValue({ ok: true, code: 'OK', message: '', params: {}, scheme: 'mongodb', hosts: ['h:1'], database: 'db', options: [], hasUser: true, hasPassword: true, fieldErrors: {} })
    bridge.SecretStatus.mockResolvedValue({ ok: true, code: 'OK', message: '', saved: {}, names: [] })
    expect((await store.setDatabasePart('p1', 'password', 'p@ss?word')).ok).toBe(true)
    expect(bridge.SetDatabasePassword).toHaveBeenCalledWith('p1', 'p@ss?word')
    expect(bridge.SetDatabaseUser).not.toHaveBeenCalled()
  })
})
