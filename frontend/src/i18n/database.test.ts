// Every code the Go checks can return has an Arabic label: read the codes from the Go sources themselves so
// a new code without a label fails here.
import { describe, expect, it } from 'vitest'
import checkGo from '../../../backend/check/check.go?raw'
import dbhealthGo from '../../../backend/dbhealth/result.go?raw'
import atlasGo from '../../../backend/atlas/result.go?raw'
import secretsGo from '../../../backend/secrets/errors.go?raw'
import { codeLabel } from './index'
import { bytes } from '../lib/format'

function goCodes(src: string): string[] {
  return [...src.matchAll(/\bCode\w+\s*=\s*"([A-Z_]+)"/g)].map((m) => m[1])
}

describe('database catalog', () => {
  const codes = [
    ...goCodes(checkGo),
    ...goCodes(dbhealthGo),
    ...goCodes(atlasGo),
    ...goCodes(secretsGo),
    'BRIDGE_ERROR',
  ]
  it('reads the codes from Go', () => {
    expect(codes).toContain('UNAUTHORIZED')
    expect(codes).toContain('CLUSTER_NOT_FOUND')
    expect(codes).toContain('TIMEOUT')
    expect(codes).toContain('KEYCHAIN_LOCKED')
  })
  it.each(codes.filter((c) => !['SECRET_NOT_FOUND', 'SECRET_TOO_BIG', 'SECRET_INVALID_VALUE'].includes(c)))('labels %s', (code) => {
    expect(codeLabel('database', code)).not.toBe(code)
  })
  it('formats sizes', () => {
    expect(bytes(0)).toContain('بايت')
    expect(bytes(1536)).toContain('ك.بايت')
    expect(bytes(5 * 1024 * 1024)).toContain('م.بايت')
  })
})
