// The diagnostics store: the only door to PreviewDiagnostics, SaveDiagnostics and CopyDiagnostics. The card
// shows the preview first (the exact JSON and what was removed from it), then saves or copies.
import { get, writable } from 'svelte/store'
import * as App from '../../wailsjs/go/main/App'
import { safeCall, type Outcome } from '../lib/result'

/** Mirrors backend/diagnostics.Redaction: where a value was removed and what kind, never the value. */
export interface Redaction {
  where: string
  kind: 'secret' | 'userinfo' | 'query' | 'header' | string
  secret?: string
  form?: string
  count: number
}

/** Mirrors main.DiagnosticsResult. */
export interface DiagnosticsResult extends Outcome {
  json: string
  redactions: Redaction[]
  path: string
  checkedAt: string
  durationMs: number
}

export type Busy = '' | 'preview' | 'save' | 'copy'

/** busy says which diagnostics call is in flight; one at a time. */
export const busy = writable<Busy>('')
/** preview is the last preview (for the selected profile), null when closed. */
export const preview = writable<DiagnosticsResult | null>(null)
/** last is the outcome of the last save or copy. */
export const last = writable<DiagnosticsResult | null>(null)

const fallback = (o: Outcome): DiagnosticsResult => ({ ...o, json: '', redactions: [], path: '', checkedAt: '', durationMs: 0 })

async function run(kind: Exclude<Busy, ''>, call: () => Promise<DiagnosticsResult>): Promise<DiagnosticsResult | null> {
  if (get(busy)) return null
  busy.set(kind)
  try {
    return await safeCall(call, fallback)
  } finally {
    busy.set('')
  }
}

/** previewDiagnostics builds the bundle and shows it; null when another call is running. */
export async function previewDiagnostics(profileId: string): Promise<DiagnosticsResult | null> {
  last.set(null)
  const res = await run('preview', () => App.PreviewDiagnostics(profileId) as unknown as Promise<DiagnosticsResult>)
  if (res) preview.set(res)
  return res
}

/** saveDiagnostics asks where to save (default diagnostics.json) and writes the file. */
export async function saveDiagnostics(profileId: string): Promise<DiagnosticsResult | null> {
  const res = await run('save', () => App.SaveDiagnostics(profileId) as unknown as Promise<DiagnosticsResult>)
  if (res) last.set(res)
  return res
}

/** copyDiagnostics puts the bundle on the clipboard. */
export async function copyDiagnostics(profileId: string): Promise<DiagnosticsResult | null> {
  const res = await run('copy', () => App.CopyDiagnostics(profileId) as unknown as Promise<DiagnosticsResult>)
  if (res) last.set(res)
  return res
}

/** closePreview hides the preview (a profile switch does it too: the preview belongs to one profile). */
export function closePreview(): void {
  preview.set(null)
  last.set(null)
}
