import { writable } from 'svelte/store'
import * as App from '../../wailsjs/go/main/App'

export interface BuildInfo {
  version: string
  commit: string
  date: string
  goVersion: string
  os: string
  arch: string
}

export const buildInfo = writable<BuildInfo | null>(null)

export async function loadBuildInfo(): Promise<void> {
  try {
    buildInfo.set((await App.BuildInfo()) as BuildInfo)
  } catch {
    buildInfo.set(null)
  }
}
