// Realtime card E2E against a real Pusher-protocol server (soketi on loopback): the live test is blocked
// with the reason while a key is missing or mismatched, runs once the key is set and reports the delivery
// time, and a wrong PUSHER_SECRET reads as INVALID_SECRET. No secret value reaches the page.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openApp, assertNowhere, type Session, reloadApp, deleteProfiles } from './browser'
import { fill, pattern, plain, word } from './words'

interface PusherApp { id: string; key: string; secret: string }
interface PusherPeer { host: string; app: PusherApp; other: PusherApp; disabled: PusherApp }

const wrongSecret = 'wrong-pusher-secret-e2e-4b7d'

describe('realtime card', () => {
  const pusher = (inject('peers') as { pusher?: PusherPeer }).pusher
  let s: Session
  let profileId = ''

  beforeAll(async () => {
    if (!pusher) throw new Error('the pusher peer is not running: set SIYANA_PEERS_BINARY (see brief)')
    s = await openApp()
    // Setup through the bindings (fast); every assertion below goes through the UI.
    profileId = await s.page.evaluate(
      async ({ p, secret }) => {
        type Bound = Record<string, (...a: unknown[]) => Promise<{ ok: boolean; profile?: { id: string } }>>
        const app = (window as unknown as { go: { main: { App: Bound } } }).go.main.App
        const saved = await app.SaveProfile({
          id: '', name: 'Pusher E2E', kind: 'staging', siteUrl: '', instanceUrls: [], actor: '', dbPlan: '',
          pusher: { appId: p.app.id, key: p.app.key, cluster: '', publicKey: '', publicCluster: '', host: p.host, insecure: true },
          atlas: { groupId: '', clusterName: '' },
          revalidation: { tags: ['products'], paths: ['/'], cooldownSeconds: 10 },
          features: { dbStats: false, atlasLookup: false, verifyPaths: false },
          savedSecrets: [],
        })
        if (!saved.ok || !saved.profile) throw new Error('profile not saved')
        await app.SetSecret(saved.profile.id, 'PUSHER_SECRET', secret)
        await app.SelectProfile(saved.profile.id)
        return saved.profile.id
      },
      { p: pusher, secret: pusher.app.secret },
    )
    await reloadApp(s)
  })
  // The specs share one bridge and profile store: leave it as found, so a spec that runs after this one
  // does not start on this profile.
  afterAll(async () => {
    await deleteProfiles(s, profileId ? [profileId] : [])
    await s?.close()
  })

  const card = () => s.page.locator('[data-card="realtime"]')
  const live = () => card().getByRole('button', { name: word('realtime.actions.live') })

  async function setPublicKey(value: string) {
    const { page } = s
    await page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
    await page.locator('[data-field="pusher.publicKey"]').fill(value)
    await page.getByTestId('save-profile').click()
    await expect.poll(() => page.getByTestId('settings-status').innerText().then(plain)).toBe(word('settings.saved'))
    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
  }

  it('blocks the live test while NEXT_PUBLIC_PUSHER_KEY is missing, and says why', async () => {
    await expect.poll(() => card().getByTestId('rt-missing').getAttribute('data-missing')).toBe('NEXT_PUBLIC_PUSHER_KEY')
    expect(await card().locator('[data-testid="rt-missing"] li[data-need]').evaluateAll((l) => l.map((e) => e.getAttribute('data-need')))).toEqual(['NEXT_PUBLIC_PUSHER_KEY'])
    expect(await live().isDisabled()).toBe(true)
    expect(await card().getByTestId('rt-live-reason').innerText().then(plain)).toContain('NEXT_PUBLIC_PUSHER_KEY')
    // The server credentials are complete, so the credential check stays available.
    expect(await card().getByRole('button', { name: word('realtime.actions.validate') }).isDisabled()).toBe(false)
  })

  it('blocks the live test while the public key belongs to another app, with the fix', async () => {
    await setPublicKey(pusher!.other.key)
    await expect.poll(() => card().getByTestId('rt-problem').getAttribute('data-code')).toBe('KEY_MISMATCH')
    expect(await live().isDisabled()).toBe(true)
    expect(await card().getByTestId('rt-live-reason').innerText().then(plain)).toBe(fill('realtime.blocked.mismatch', { label: word('code.KEY_MISMATCH.label') }))
    expect(await card().getByTestId('rt-problem').innerText().then(plain)).toContain('NEXT_PUBLIC_PUSHER_KEY')
  })

  it('runs the live test once the key is set and shows the delivery time', async () => {
    await setPublicKey(pusher!.app.key)
    await expect.poll(() => live().isEnabled()).toBe(true)
    expect(await card().getByTestId('rt-live-reason').count()).toBe(0)
    await live().click()
    const arrived = card().getByTestId('rt-arrived')
    await arrived.waitFor({ timeout: 20_000 })
    expect(await arrived.innerText().then(plain)).toMatch(pattern('realtime.result.arrived', '[0-9.,]+ ms'))
    expect(await card().locator('[data-state="success"]').getAttribute('data-tone')).toBe('ok') // loopback is sub-second
    expect(await card().getByTestId('rt-phases').innerText().then(plain)).toMatch(pattern('realtime.result.phases', '[0-9.,]+ ms'))
  })

  it('reports a wrong PUSHER_SECRET as INVALID_SECRET', async () => {
    const { page } = s
    await page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
    await page.getByLabel('PUSHER_SECRET', { exact: true }).fill(wrongSecret)
    await page.getByLabel('PUSHER_SECRET', { exact: true }).press('Enter')
    await expect.poll(() => page.getByTestId('secret-PUSHER_SECRET').getAttribute('data-saved')).toBe('true')
    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    await card().getByRole('button', { name: word('realtime.actions.validate') }).click()
    const result = card().getByTestId('rt-creds-result')
    await expect.poll(() => result.locator('[data-state="failure"]').getAttribute('data-code'), { timeout: 20_000 }).toBe('INVALID_SECRET')
    expect(await result.getByTestId('rt-code').innerText().then(plain)).toBe(word('code.INVALID_SECRET.label'))
    expect(await result.getByTestId('error-code').getAttribute('data-code')).toBe('INVALID_SECRET')
    expect(await result.innerText().then(plain)).toContain('PUSHER_SECRET')

    await assertNowhere(s, pusher!.app.secret)
    await assertNowhere(s, wrongSecret)
  })
})
