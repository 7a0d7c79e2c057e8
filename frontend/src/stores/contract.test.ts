// The shape of the frontend, pinned: generated models are the only types of bound results (no casts at the
// boundary), shared state is runes (no svelte/store), and only the stores talk to Go.
import { describe, expect, it } from 'vitest'

const sources = import.meta.glob(['/src/**/*.ts', '/src/**/*.svelte', '!/src/**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

const files = Object.entries(sources)
const where = (re: RegExp) => files.filter(([, src]) => re.test(src)).map(([path]) => path)

describe('frontend contract', () => {
  it('reads the sources it checks', () => {
    expect(files.length).toBeGreaterThan(20)
    expect(Object.keys(sources)).toContain('/src/stores/profiles.svelte.ts')
  })

  it('has no svelte/store and no get()', () => {
    expect(where(/from\s+['"]svelte\/store['"]/)).toEqual([])
  })

  it('has no cast through unknown', () => {
    expect(where(/\bas\s+unknown\s+as\b/)).toEqual([])
  })

  it('calls Go from the stores only, and takes types from the stores or lib', () => {
    const bindings = /from\s+['"][./]*wailsjs\/(go\/main\/App|runtime\/runtime)['"]/
    expect(where(bindings).filter((p) => !p.startsWith('/src/stores/'))).toEqual([])
    const anyWails = /from\s+['"][./]*wailsjs\//
    expect(where(anyWails).filter((p) => !p.startsWith('/src/stores/') && !p.startsWith('/src/lib/'))).toEqual([])
  })

  it('writes no state from an $effect: a profile switch reaches the stores through onProfileSwitch', () => {
    expect(where(/\$effect\s*\(/)).toEqual([])
  })
})
