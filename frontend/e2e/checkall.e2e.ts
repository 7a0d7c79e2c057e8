// Check all against the real peers (FerretDB, soketi, the fixture site): it runs every check the profile
// can run, the live test included; with nothing configured it says "nothing to check" and runs nothing; its
// status follows the selected profile. Results from before this run of the app (a reload of its window) or
// older than an hour are marked old with their age, on every card.
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openApp, type Bridge, type Session, reloadApp, deleteProfiles, assertNowhere } from './browser'
import { LANG, pattern, plain, word } from './words'

interface Peers {
  mongo?: { uri: string }
  pusher?: { host: string; app: { id: string; key: string; secret: string } }
  site?: { url: string; secret: string }
}

const shots = process.env.SIYANA_E2E_SHOTS ?? join(tmpdir(), 'siyana-e2e-shots')

describe('check all', () => {
  const peers = inject('peers') as Peers
  let s: Session
  let full = ''
  let bare = ''

  beforeAll(async () => {
    if (!peers.mongo || !peers.pusher || !peers.site) throw new Error('peers not running: set SIYANA_PEERS_BINARY')
    mkdirSync(shots, { recursive: true })
    s = await openApp()
    const ids = await s.page.evaluate(async (p) => {
      const app = (window as unknown as Bridge).go.main.App
      const base = {
        id: '', instanceUrls: [], actor: '', dbPlan: '', atlas: { groupId: '', clusterName: '' },
        revalidation: { tags: ['products'], paths: ['/'], cooldownSeconds: 1 },
        features: { dbStats: false, atlasLookup: false, verifyPaths: false }, savedSecrets: [],
      }
      const f = await app.SaveProfile({
        ...base, name: 'فحص الكل E2E', kind: 'staging', siteUrl: p.site!.url,
        pusher: { appId: p.pusher!.app.id, key: p.pusher!.app.key, cluster: 'local', publicKey: p.pusher!.app.key, publicCluster: 'local', host: p.pusher!.host, insecure: true },
      })
      const b = await app.SaveProfile({
        ...base, name: 'بيئة فارغة E2E', kind: 'development', siteUrl: '',
        pusher: { appId: '', key: '', cluster: '', publicKey: '', publicCluster: '' },
      })
      if (!f.ok || !b.ok) throw new Error('profiles not saved')
      for (const [n, v] of [['DATABASE_URL', p.mongo!.uri], ['PUSHER_SECRET', p.pusher!.app.secret], ['REVALIDATE_SECRET', p.site!.secret]]) {
        const r = await app.SetSecret(f.profile.id, n, v)
        if (!r.ok) throw new Error(`${n}: ${r.code}`)
      }
      await app.SelectProfile(b.profile.id)
      return [f.profile.id as string, b.profile.id as string]
    }, peers)
    ;[full, bare] = ids
    await reloadApp(s)
  })
  afterAll(async () => {
    await deleteProfiles(s, [full, bare].filter(Boolean))
    await s?.close()
  })

  const status = () => s.page.getByTestId('check-all-status')
  const select = (id: string) => s.page.locator('#profile-switcher').selectOption(id)

  it('says "nothing to check" when nothing is configured, and runs nothing', async () => {
    const { page } = s
    await page.getByTestId('check-all').click()
    await expect.poll(() => status().getAttribute('data-state')).toBe('nothing')
    expect(plain(await status().innerText())).toBe(word('firstRun.nothingToCheck'))
    expect(await page.locator('[data-card="database"] [data-state="not-configured"]').count()).toBe(1)
    expect(await page.locator('[data-testid="rt-live-result"] [data-state="idle"]').count()).toBe(1)
  })

  it('runs every check, the live test included, and follows the selected profile', async () => {
    const { page } = s
    await select(full)
    // The previous profile's "nothing to check" is not this one's.
    await expect.poll(() => status().getAttribute('data-state')).toBe('idle')
    await page.getByTestId('check-all').click()
    await expect.poll(() => status().getAttribute('data-state'), { timeout: 30_000 }).toBe('done')
    expect(plain(await status().innerText())).toMatch(pattern('diagnostics.checkAll.done'))
    expect(await page.locator('[data-card="database"] [data-state="ok"]').count()).toBe(1)
    expect(await page.locator('[data-testid="rt-creds-result"] [data-state="success"]').count()).toBe(1)
    expect(await page.locator('[data-testid="rt-live-result"] [data-state="success"]').count()).toBe(1)
    expect(await page.locator('[data-card="revalidate"] [data-testid="revalidate-result"]').getAttribute('data-code')).toBe('OK')
    // Fresh results of this run are not marked old.
    expect(await page.getByTestId('old-result').count()).toBe(0)
    await page.screenshot({ path: join(shots, `check-all-done-${LANG}.png`), fullPage: true })

    // Switching away shows the other profile's own state; switching back, this one's again.
    await select(bare)
    await expect.poll(() => status().getAttribute('data-state')).toBe('nothing')
    expect(await page.locator('[data-card="database"] [data-state="ok"]').count()).toBe(0)
    await select(full)
    await expect.poll(() => status().getAttribute('data-state')).toBe('done')
    for (const v of [peers.mongo!.uri, peers.pusher!.app.secret, peers.site!.secret]) await assertNowhere(s, v)
  })

  it('marks results from before this run as old, with their age, on every card', async () => {
    const { page } = s
    // A new run of the window: the kept results (last-results.json, written by the real checks above) come back.
    await reloadApp(s)
    const oldOn = (testid: string) => page.locator(`[data-testid="${testid}"] [data-testid="old-result"]`)
    for (const where of ['db-checked-at', 'rt-live-checked-at', 'rt-creds-checked-at']) {
      await oldOn(where).waitFor()
      expect(await oldOn(where).getAttribute('data-why')).toBe('previousRun')
      const age = plain(await page.locator(`[data-testid="${where}"] [data-testid="old-age"]`).innerText())
      expect(age).toMatch(pattern('firstRun.oldPreviousRun'))
    }
    await page.screenshot({ path: join(shots, `old-results-${LANG}.png`), fullPage: true })
  })

  it('marks a result of this run old once it is older than an hour', async () => {
    const { page } = s
    // The page's clock is installed before it loads, so the cards' age tick runs on it too.
    await page.clock.install({ time: Date.now() })
    await reloadApp(s)
    await page.getByTestId('check-all').click()
    await expect.poll(() => status().getAttribute('data-state'), { timeout: 30_000 }).toBe('done')
    expect(await page.locator('[data-testid="db-checked-at"] [data-testid="old-result"]').count()).toBe(0)
    await page.clock.fastForward('01:01:00')
    const mark = page.locator('[data-testid="db-checked-at"] [data-testid="old-result"]')
    await mark.waitFor()
    expect(await mark.getAttribute('data-why')).toBe('threshold')
    expect(plain(await page.locator('[data-testid="revalidate-checked-at"] [data-testid="old-age"]').innerText())).toMatch(pattern('firstRun.oldThreshold'))
    // Three hours on, the age says so in the admin's language (Intl.RelativeTimeFormat).
    await page.clock.fastForward('02:00:00')
    const hours = new Intl.RelativeTimeFormat(LANG === 'ar' ? 'ar-u-nu-latn' : 'en', { numeric: 'auto' }).format(-3, 'hour')
    await expect.poll(() => page.locator('[data-testid="db-checked-at"] [data-testid="old-age"]').innerText().then(plain)).toContain(hours)
    await page.screenshot({ path: join(shots, `old-results-3h-${LANG}.png`), fullPage: true })
  })
})
