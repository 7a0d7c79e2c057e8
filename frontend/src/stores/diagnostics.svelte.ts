// The diagnostics store: the only door to PreviewDiagnostics, SaveDiagnostics and CopyDiagnostics. The card
// shows the preview first (the exact JSON and what was removed from it), then saves or copies.
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'
import { safeCall, type Failure } from '../lib/result'
import { onProfileSwitch } from './profiles.svelte'

export type Busy = '' | 'preview' | 'save' | 'copy'
type Result = models.main.DiagnosticsResult
export type Redaction = models.diagnostics.Redaction

class Diagnostics {
  /** busy says which diagnostics call is in flight; one at a time. */
  busy = $state<Busy>('')
  /** preview is the last preview (for the selected profile), null when closed. */
  preview = $state.raw<Result | null>(null)
  /** last is the outcome of the last save or copy. */
  last = $state.raw<Result | null>(null)
}

export const diagnostics = new Diagnostics()

const fallback = (f: Failure): Result => ({ ...f, json: '', redactions: [], path: '', checkedAt: '', durationMs: 0 })

async function run(kind: Exclude<Busy, ''>, call: () => Promise<Result>): Promise<Result | null> {
  if (diagnostics.busy) return null
  diagnostics.busy = kind
  try {
    return await safeCall(call, fallback)
  } finally {
    diagnostics.busy = ''
  }
}

/** previewDiagnostics builds the bundle and shows it; null when another call is running. */
export async function previewDiagnostics(profileId: string): Promise<Result | null> {
  diagnostics.last = null
  const res = await run('preview', () => App.PreviewDiagnostics(profileId))
  if (res) diagnostics.preview = res
  return res
}

/** saveDiagnostics asks where to save (default diagnostics.json) and writes the file. */
export async function saveDiagnostics(profileId: string): Promise<Result | null> {
  const res = await run('save', () => App.SaveDiagnostics(profileId))
  if (res) diagnostics.last = res
  return res
}

/** copyDiagnostics puts the bundle on the clipboard. */
export async function copyDiagnostics(profileId: string): Promise<Result | null> {
  const res = await run('copy', () => App.CopyDiagnostics(profileId))
  if (res) diagnostics.last = res
  return res
}

/** closePreview hides the preview. */
export function closePreview(): void {
  diagnostics.preview = null
  diagnostics.last = null
}

// The preview belongs to the profile it was built for: a switch closes it.
onProfileSwitch(() => closePreview())
