// The build the app reports in its footer: the only door to BuildInfo.
import * as App from '../../wailsjs/go/main/App'
import type * as models from '../../wailsjs/go/models'

class Build {
  info = $state.raw<models.buildinfo.Info | null>(null)
}
export const build = new Build()

export async function loadBuildInfo(): Promise<void> {
  try {
    build.info = await App.BuildInfo()
  } catch {
    build.info = null
  }
}
