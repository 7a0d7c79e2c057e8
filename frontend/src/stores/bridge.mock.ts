// The bound Go methods as the store tests see them: one vi.fn per export of the generated bindings (the
// list comes from the generated module itself, so no test keeps its own copy of the names). A test hands
// this object to the stores with
//   vi.mock('../../wailsjs/go/main/App', () => import('./bridge.mock').then((m) => m.bridge))
// and programs the calls it expects; each test file gets its own instance.
import { vi, type Mock } from 'vitest'

const bindings = await vi.importActual<Record<string, unknown>>('../../wailsjs/go/main/App')

export const bridge: Record<string, Mock> = Object.fromEntries(Object.keys(bindings).map((name) => [name, vi.fn()]))

/** secretStatus is a SecretStatus answer as Go gives it: the saved flags and Go's list of secret names. */
export function secretStatus(saved: Record<string, boolean>) {
  const names = ['DATABASE_URL', 'PUSHER_SECRET', 'ATLAS_PUBLIC_KEY', 'ATLAS_PRIVATE_KEY', 'REVALIDATE_SECRET']
  return { ok: true, code: 'OK', message: '', saved, names }
}
