// The first run, as a new admin meets it, from an empty config dir: the empty state says what Siyana needs
// and offers the two ways in; the .env import works before anything was saved: it refuses a missing kind
// next to the field, previews what the file sets (the secret by name only), and applying the preview
// creates the profile (Go); the first dashboard has every card saying what it needs by the
// field's label, and each link opens Settings focused on that field or secret.
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openApp, type Bridge, type Session, deleteProfiles, assertNowhere } from './browser'
import { LANG, plain, word } from './words'

const shots = process.env.SIYANA_E2E_SHOTS ?? join(tmpdir(), 'siyana-e2e-shots')
const canary = 'cAnArY-first-run-db-pass-91x'

describe('first run', () => {
  const dialogDir = inject('dialogDir') as string
  let s: Session
  const created: string[] = []

  const listProfiles = () => s.page.evaluate(async () => (await (window as unknown as Bridge).go.main.App.ListProfiles()).profiles.map((p: { id: string }) => p.id))

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    mkdirSync(dialogDir, { recursive: true })
    s = await openApp()
    // This spec is about the first run: it needs the store as a fresh install has it.
    expect(await listProfiles(), 'the config dir must start empty (run this spec on its own or first)').toEqual([])
  })
  afterAll(async () => {
    await deleteProfiles(s, created)
    writeFileSync(join(dialogDir, 'open-path'), '')
    await s?.close()
  })

  it('opens on an empty state that says what Siyana needs and offers import or by hand', async () => {
    const { page } = s
    const first = page.getByTestId('first-run')
    await first.waitFor()
    const text = plain(await first.innerText())
    expect(text).toContain(word('firstRun.title'))
    expect(text).toContain(plain(word('firstRun.line1')))
    expect(text).toContain(word('firstRun.line2'))
    expect(plain(await page.getByTestId('first-run-import').innerText())).toBe(plain(word('firstRun.import')))
    expect(plain(await page.getByTestId('first-run-manual').innerText())).toBe(word('firstRun.manual'))
    // No form preset to anything: the admin has not chosen yet.
    expect(await page.locator('[data-field="kind"]').count()).toBe(0)
    await page.screenshot({ path: join(shots, `first-run-empty-${LANG}.png`), fullPage: true })

    // The empty dashboard has its way to Settings too.
    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    const home = page.getByTestId('home-empty')
    await home.waitFor()
    await page.screenshot({ path: join(shots, `first-run-home-empty-${LANG}.png`), fullPage: true })
    await home.getByTestId('first-run-import').click()
    await page.getByTestId('import-intro').waitFor()
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.field)).toBe('name')
  })

  it('fill in by hand: a save without a kind is refused next to the field, with a copyable code', async () => {
    const { page } = s
    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    await page.getByTestId('home-empty').getByTestId('first-run-manual').click()
    await page.getByTestId('save-profile').click()
    const kindErr = page.locator('label:has([data-field="kind"]) .err')
    await kindErr.waitFor()
    expect(await kindErr.getAttribute('data-code')).toBe('kindRequired')
    expect(await page.locator('[data-testid="settings-status"] [data-testid="error-code"]').getAttribute('data-code')).toBe('INVALID_INPUT')
    expect(await listProfiles()).toEqual([])
    // Nothing was typed, so leaving asks nothing; back in through the other way.
    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    await page.getByTestId('home-empty').getByTestId('first-run-import').click()
    await page.getByTestId('import-intro').waitFor()
  })

  it('imports a .env before the first save, and the kind must be chosen', async () => {
    const { page } = s
    const env = join(dialogDir, 'site.env')
    // No NEXT_PUBLIC_SITE_URL, no Pusher: the cards will have something to ask for.
    writeFileSync(env, `DATABASE_URL="mongodb://shop:${canary}@127.0.0.1:1/shop"\nUNRELATED=1\n`)
    writeFileSync(join(dialogDir, 'open-path'), env)
    await page.locator('[data-field="name"]').fill('متجري')
    // The kind is left as it opened: empty. Go refuses, next to the field, and creates nothing.
    expect(await page.locator('[data-field="kind"]').inputValue()).toBe('')
    await page.getByTestId('import-env').click()
    const kindErr = page.locator('label:has([data-field="kind"]) .err')
    await kindErr.waitFor()
    expect(await kindErr.getAttribute('data-code')).toBe('kindRequired')
    expect(plain(await kindErr.innerText())).toBe(word('field.kindRequired'))
    expect(await page.getByTestId('import-result').getAttribute('class')).toContain('error')
    expect(await page.locator('[data-testid="import-result"] [data-testid="error-code"]').getAttribute('data-code')).toBe('INVALID_INPUT')
    expect(await listProfiles()).toEqual([])
    // The import sits right under the two fields it needs (name, kind), not below the whole form.
    const [kindBox, importBox] = await Promise.all([page.locator('[data-field="kind"]').boundingBox(), page.getByTestId('import-env').boundingBox()])
    expect(importBox!.y - kindBox!.y).toBeLessThan(400)
    await page.screenshot({ path: join(shots, `first-run-import-${LANG}.png`), fullPage: false })

    await page.locator('[data-field="kind"]').selectOption('staging')
    await expect.poll(() => kindErr.count()).toBe(0)
    // The file's preview first: what it will set, the secret by name only; nothing is created yet.
    await page.getByTestId('import-env').click()
    const preview = page.getByTestId('import-preview')
    await preview.waitFor()
    const row = (n: string) => preview.locator(`tr[data-var="${n}"]`)
    expect(await row('DATABASE_URL').getAttribute('data-status')).toBe('new')
    expect(plain(await row('DATABASE_URL').innerText())).toContain(word('forms.preview.secretValue'))
    expect(await row('UNRELATED').getAttribute('data-status')).toBe('ignored')
    expect(await listProfiles()).toEqual([])
    await assertNowhere(s, canary)
    await page.screenshot({ path: join(shots, `first-run-import-preview-${LANG}.png`), fullPage: true })

    // The draft edited after its preview: the preview no longer says what would be created, so it is
    // dropped as expired and nothing is created.
    await page.locator('[data-field="name"]').fill('متجر آخر')
    await page.getByTestId('import-apply').click()
    await expect.poll(() => page.locator('[data-testid="import-result"] [data-testid="error-code"]').getAttribute('data-code')).toBe('IMPORT_PREVIEW_EXPIRED')
    expect(await page.getByTestId('import-preview').count()).toBe(0)
    expect(await listProfiles()).toEqual([])

    await page.locator('[data-field="name"]').fill('متجري')
    await page.getByTestId('import-env').click()
    await preview.waitFor()
    await page.getByTestId('import-apply').click()
    await expect.poll(listProfiles).toHaveLength(1)
    created.push(...(await listProfiles()))
    // The form is now the saved profile: named, with its secrets panel, DATABASE_URL saved.
    await expect.poll(() => page.locator('#settings-title').innerText()).toBe('متجري')
    await expect.poll(() => page.getByTestId('secret-DATABASE_URL').getAttribute('data-saved')).toBe('true')
    expect(plain(await page.getByTestId('settings-status').innerText())).toContain('DATABASE_URL')
    expect(await page.getByTestId('delete-profile').count()).toBe(1)
    await assertNowhere(s, canary)
  })

  it('opens the first dashboard with every card saying what it needs, by the field label', async () => {
    const { page } = s
    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    await page.locator('[data-card="database"]').waitFor()
    // The database is set (imported), not checked yet.
    await page.locator('[data-card="database"] [data-state="not-checked"]').waitFor()
    // The revalidation card names the site URL by its label, with the variable name beside it.
    const site = page.locator('[data-card="revalidate"] li[data-need="NEXT_PUBLIC_SITE_URL"]')
    await site.waitFor()
    expect(plain(await site.innerText())).toContain(word('settings.fields.siteUrl'))
    expect(plain(await site.innerText())).toContain('NEXT_PUBLIC_SITE_URL')
    const secret = page.locator('[data-card="revalidate"] li[data-need="REVALIDATE_SECRET"]')
    expect(plain(await secret.innerText())).toContain(word('firstRun.secretLabels.REVALIDATE_SECRET'))
    // The realtime card lists what Pusher needs, each with its link.
    for (const n of ['PUSHER_APP_ID', 'PUSHER_KEY', 'PUSHER_SECRET']) {
      expect(await page.locator(`[data-card="realtime"] li[data-need="${n}"] [data-testid="need-link"]`).count()).toBe(1)
    }
    await page.screenshot({ path: join(shots, `first-dashboard-${LANG}.png`), fullPage: true })
  })

  it('opens Settings focused on the field a card asks for', async () => {
    const { page } = s
    await page.locator('[data-card="revalidate"] li[data-need="NEXT_PUBLIC_SITE_URL"] [data-testid="need-link"]').click()
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.field)).toBe('siteUrl')
    await page.locator('[data-field="siteUrl"]').fill('https://shop.example.com')
    await page.getByTestId('save-profile').click()
    await expect.poll(() => page.getByTestId('settings-status').innerText().then(plain)).toBe(word('settings.saved'))

    // A secret's link focuses its write-only input in the secrets panel.
    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    await expect.poll(() => page.locator('[data-card="revalidate"] li[data-need="NEXT_PUBLIC_SITE_URL"]').count()).toBe(0)
    await page.locator('[data-card="revalidate"] li[data-need="REVALIDATE_SECRET"] [data-testid="need-link"]').click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-secret]')?.getAttribute('data-secret'))).toBe('REVALIDATE_SECRET')
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('password')
  })
})
