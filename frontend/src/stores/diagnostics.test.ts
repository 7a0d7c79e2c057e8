import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bridge } from './bridge.mock'

vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))

import * as diag from './diagnostics.svelte'
import { profiles, selectProfile } from './profiles.svelte'

const { diagnostics } = diag

const ok = (over = {}) => ({ ok: true, code: 'OK', message: '', json: '{"schemaVersion":1}', redactions: [], path: '', checkedAt: '', durationMs: 1, ...over })

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((res) => (resolve = res))
  return { promise, resolve }
}

beforeEach(() => {
  vi.resetAllMocks()
  diagnostics.busy = ''
  diag.closePreview()
})

describe('diagnostics store', () => {
  it('shows the preview with its redactions', async () => {
    bridge.PreviewDiagnostics.mockResolvedValue(ok({ redactions: [{ where: 'checks.database.result.detail', kind: 'secret', secret: 'DATABASE_URL', count: 1 }] }))
    await diag.previewDiagnostics('p1')
    expect(bridge.PreviewDiagnostics).toHaveBeenCalledWith('p1')
    expect(diagnostics.preview?.redactions[0].secret).toBe('DATABASE_URL')
  })

  it('ignores a second call while one runs', async () => {
    const d = deferred<ReturnType<typeof ok>>()
    bridge.SaveDiagnostics.mockReturnValue(d.promise)
    const first = diag.saveDiagnostics('p1')
    expect(diagnostics.busy).toBe('save')
    expect(await diag.copyDiagnostics('p1')).toBeNull()
    expect(bridge.CopyDiagnostics).not.toHaveBeenCalled()
    d.resolve(ok({ path: '/tmp/diagnostics.json' }))
    expect((await first)?.path).toBe('/tmp/diagnostics.json')
    expect(diagnostics.busy).toBe('')
    expect(diagnostics.last?.path).toBe('/tmp/diagnostics.json')
  })

  it('turns a rejected bridge call into BRIDGE_ERROR', async () => {
    bridge.CopyDiagnostics.mockRejectedValue(new Error('mongodb://u:secret@h'))
    const res = await diag.copyDiagnostics('p1')
    expect(res?.code).toBe('BRIDGE_ERROR')
    expect(JSON.stringify(res)).not.toContain('secret@')
    expect(diagnostics.busy).toBe('')
  })

  it('closes the preview when another profile is selected', async () => {
    bridge.PreviewDiagnostics.mockResolvedValue(ok())
    await diag.previewDiagnostics('p1')
    expect(diagnostics.preview).not.toBeNull()
    profiles.selectedId = 'p1'
    bridge.SelectProfile.mockResolvedValue({ ok: true, code: 'OK', message: '' })
    await selectProfile('p2')
    expect(diagnostics.preview).toBeNull()
  })
})
