// Diagnostics E2E against the dev bridge and the real peers: "check all" fills the cards, the export shows a
// preview and what was redacted, the save dialog (the dev build's fake one, behind the runtime seam) writes
// <dialogDir>/saved/diagnostics.json, and that file has every field issue 6 lists and no secret in any form.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openApp, assertNowhere, type Session, reloadApp, deleteProfiles } from './browser'
import { LANG, pattern, plain } from './words'

interface Peers {
  mongo?: { uri: string }
  pusher?: { host: string; app: { id: string; key: string; secret: string } }
  site?: { url: string; secret: string }
}

const atlasPublic = 'cAnArY-e2e-atlas-pub-7c1'
const atlasPrivate = 'cAnArY-e2e-atlas-priv-7c1'

function formsOf(v: string): string[] {
  return [v, encodeURIComponent(v), Buffer.from(v).toString('base64'), Buffer.from(v).toString('base64url')]
}

describe('diagnostics card', () => {
  const peers = inject('peers') as Peers
  const dialogDir = inject('dialogDir') as string
  let s: Session
  let profileId = ''
  let secretValues: string[] = []

  beforeAll(async () => {
    if (!peers.mongo || !peers.pusher || !peers.site) throw new Error('peers not running: set SIYANA_PEERS_BINARY (see brief)')
    const dbPassword = decodeURIComponent(new URL(peers.mongo.uri).password)
    secretValues = [peers.mongo.uri, dbPassword, peers.pusher.app.secret, peers.site.secret, atlasPublic, atlasPrivate]
    s = await openApp()
    profileId = await s.page.evaluate(
      async ({ p, atlasPublic, atlasPrivate }) => {
        type Bound = Record<string, (...a: unknown[]) => Promise<{ ok: boolean; profile?: { id: string } }>>
        const app = (window as unknown as { go: { main: { App: Bound } } }).go.main.App
        const saved = await app.SaveProfile({
          id: '', name: 'تشخيص E2E', kind: 'staging', siteUrl: p.site!.url, instanceUrls: [], actor: '', dbPlan: 'M10',
          pusher: { appId: p.pusher!.app.id, key: p.pusher!.app.key, cluster: 'local', publicKey: p.pusher!.app.key, publicCluster: 'local', host: p.pusher!.host, insecure: true },
          atlas: { groupId: '5f0c0ffee0c0ffee0c0ffee0', clusterName: 'Cluster0' },
          revalidation: { tags: ['products'], paths: ['/'], cooldownSeconds: 1 },
          features: { dbStats: false, atlasLookup: false, verifyPaths: false },
          savedSecrets: [],
        })
        if (!saved.ok || !saved.profile) throw new Error('profile not saved')
        const id = saved.profile.id
        await app.SetSecret(id, 'DATABASE_URL', p.mongo!.uri)
        await app.SetSecret(id, 'PUSHER_SECRET', p.pusher!.app.secret)
        await app.SetSecret(id, 'REVALIDATE_SECRET', p.site!.secret)
        await app.SetSecret(id, 'ATLAS_PUBLIC_KEY', atlasPublic)
        await app.SetSecret(id, 'ATLAS_PRIVATE_KEY', atlasPrivate)
        await app.SelectProfile(id)
        return id
      },
      { p: peers, atlasPublic, atlasPrivate },
    )
    await reloadApp(s)
  })
  afterAll(async () => {
    await deleteProfiles(s, profileId ? [profileId] : [])
    await s?.close()
  })

  it('checks all cards at once from the main view', async () => {
    const { page } = s
    const button = page.getByTestId('check-all')
    await expect.poll(() => button.isDisabled()).toBe(false)
    await button.click()
    await expect.poll(() => page.getByTestId('check-all-status').innerText().then(plain), { timeout: 30_000 }).toMatch(pattern('diagnostics.checkAll.done'))
    expect(await button.isDisabled()).toBe(false)
    // Bidi: a figure with its unit is one left-to-right run, so RTL text cannot show "ms 4.96"; a no-break
    // space holds them together on a wrapped line.
    const latency = await page.getByTestId('db-latency').innerText()
    expect(latency).toMatch(/^\u2066[0-9.,]+\u00a0ms\u2069$/)
    expect(await page.locator('html').getAttribute('dir')).toBe(LANG === 'ar' ? 'rtl' : 'ltr')
    // SIYANA_SCREENSHOT_DIR=docs writes the main view after "check all" (docs/screenshot-<lang>.png).
    const dir = process.env.SIYANA_SCREENSHOT_DIR
    if (dir) {
      await page.waitForTimeout(800) // let the progress bar's transition end
      await page.screenshot({ path: join(dir, `screenshot-${LANG}.png`), fullPage: true })
    }
  })

  it('previews the bundle with what was redacted, saves diagnostics.json, and leaks nothing', async () => {
    const { page } = s
    const card = page.locator('[data-card="diagnostics"]')
    await card.getByTestId('diag-export').click()
    await expect.poll(() => card.getByTestId('diag-preview').innerText().then(plain), { timeout: 20_000 }).toContain('"schemaVersion"')
    const preview = await card.getByTestId('diag-preview').innerText().then(plain)
    await card.getByTestId('diag-save').click()
    await expect.poll(() => card.getByTestId('diag-done').innerText().then(plain), { timeout: 20_000 }).toContain('diagnostics.json')

    const text = readFileSync(join(dialogDir, 'saved', 'diagnostics.json'), 'utf8')
    const b = JSON.parse(text)
    expect(b.schemaVersion).toBe(1)
    expect(b.generatedAt).toMatch(/^\d{4}-/)
    expect(Object.keys(b.app).sort()).toEqual(['buildDate', 'commit', 'version'])
    expect(b.runtime.go).toMatch(/^go/)
    expect(b.runtime.wails).toMatch(/^v2\./)
    expect(b.runtime.webview).toMatch(/WebKitGTK \d+\.\d+/)
    expect(b.runtime.os).toBe('linux')
    expect(b.site.nextVersion).toMatch(/^\d+\./) // the site dry run of "check all" reported it
    expect(b.profile).toMatchObject({ name: 'تشخيص E2E', kind: 'staging' })
    expect(Object.keys(b.profile.features).sort()).toEqual(['atlasLookup', 'dbStats', 'verifyPaths'])
    const present = Object.fromEntries(b.config.map((c: { name: string; present: boolean }) => [c.name, c.present]))
    expect(present).toMatchObject({ DATABASE_URL: true, PUSHER_SECRET: true, REVALIDATE_SECRET: true, ATLAS_PRIVATE_KEY: true, NEXT_PUBLIC_SITE_URL: true })
    for (const c of b.config) expect(Object.keys(c).sort()).toEqual(['name', 'present', 'store'])
    expect(b.keychain.code).toBe('OK')
    const kinds = b.checks.map((c: { kind: string }) => c.kind)
    expect(kinds).toEqual(expect.arrayContaining(['database', 'pusherCredentials', 'site', 'pages'])) // check all ran the pages card too
    expect(Array.isArray(b.revalidations)).toBe(true)
    expect(Array.isArray(b.redactions)).toBe(true)

    for (const v of secretValues) {
      for (const f of formsOf(v)) {
        expect(text.includes(f), `a secret form appears in diagnostics.json`).toBe(false)
        expect(preview.includes(f), `a secret form appears in the preview`).toBe(false)
      }
      await assertNowhere(s, v)
    }
  })
})
