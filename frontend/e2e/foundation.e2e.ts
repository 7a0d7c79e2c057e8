// Foundation E2E: create a profile, import a .env through the (fake) native dialog, reload, see "saved"
// badges — and no secret value anywhere in the page or in what Go sent back.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openApp, assertNowhere, type Session, waitBridge } from './browser'
import { LANG, plain, word } from './words'

const canaries = {
  DATABASE_URL: 'mongodb://canary-dbuser-5e1d:Canary-DbPass-7f3a@127.0.0.1:1/shopdb', // a distinctive user: the redactor learns the user name, and revalidate.e2e's actor is e2e-admin
  PUSHER_SECRET: 'canary-pusher-secret-91c2',
  ATLAS_PUBLIC_KEY: 'canarypub1',
  ATLAS_PRIVATE_KEY: 'canary-atlas-private-5d8e',
  REVALIDATE_SECRET: 'canary-revalidate-secret-0123456789abcdef-aa41',
}

describe('foundation', () => {
  let s: Session
  beforeAll(async () => {
    s = await openApp()
  })
  afterAll(async () => {
    await s?.close()
  })

  it('starts in the run\'s language and direction (RTL Arabic by default) with the version in the footer', async () => {
    expect(await s.page.getAttribute('html', 'dir')).toBe(LANG === 'ar' ? 'rtl' : 'ltr')
    expect(await s.page.getAttribute('html', 'lang')).toBe(LANG)
    await s.page.getByTestId('version').waitFor()
    expect(await s.page.getByTestId('version').innerText().then(plain)).toContain(word('common.footer.version').trim())
  })

  it('fetches only the language it speaks, and the other catalog when the admin switches to it', async () => {
    const other = LANG === 'ar' ? 'en' : 'ar'
    // The catalogs' own chunks: /assets/ar-<hash>.js in the build, …/catalog/ar.json under the dev server.
    const fetched = () => s.page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)
      .map((n) => /(?:\/assets\/|\/catalog\/)(ar|en)(?:-[\w-]{8}\.js|\.json)/.exec(n)?.[1]).filter(Boolean).sort())
    expect(await fetched()).toEqual([LANG])
    await s.page.getByTestId('language-switch').selectOption(other)
    await s.page.waitForFunction((l) => document.documentElement.lang === l, other)
    expect(await fetched()).toEqual(['ar', 'en'])
    expect(await s.page.getAttribute('html', 'dir')).toBe(other === 'ar' ? 'rtl' : 'ltr')
    expect(await s.page.getByTestId('language-switch').inputValue()).toBe(other)
    await s.page.getByTestId('language-switch').selectOption(LANG) // back, for the specs after this one
    await s.page.waitForFunction((l) => document.documentElement.lang === l, LANG)
    expect(await s.page.getByTestId('version').innerText().then(plain)).toContain(word('common.footer.version').trim())
  })

  it('creates a profile, imports a .env, and shows only "saved" badges after a reload', async () => {
    const { page } = s
    await page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
    await page.getByTestId('new-profile').click()
    await page.locator('[data-field="name"]').fill('الإنتاج')
    // A new profile comes from Go with its kind empty: the admin chooses it.
    expect(await page.locator('[data-field="kind"]').inputValue()).toBe('')
    await page.locator('[data-field="kind"]').selectOption('production')
    await page.locator('[data-field="siteUrl"]').fill('https://shop.example.com')
    await page.getByTestId('save-profile').click()
    await expect.poll(() => page.getByTestId('settings-status').innerText().then(plain)).toBe(word('settings.saved'))

    const dialogDir = inject('dialogDir')
    mkdirSync(dialogDir, { recursive: true })
    const envFile = join(dialogDir, 'site.env')
    writeFileSync(
      envFile,
      [
        `MONGODB_URI="${canaries.DATABASE_URL}"`,
        'PUSHER_APP_ID=12345',
        'PUSHER_KEY=serverkey1',
        `PUSHER_SECRET=${canaries.PUSHER_SECRET}`,
        'PUSHER_CLUSTER=eu',
        'NEXT_PUBLIC_PUSHER_KEY=serverkey1',
        'NEXT_PUBLIC_PUSHER_CLUSTER=eu',
        `ATLAS_PUBLIC_KEY=${canaries.ATLAS_PUBLIC_KEY}`,
        `ATLAS_PRIVATE_KEY=${canaries.ATLAS_PRIVATE_KEY}`,
        `REVALIDATE_SECRET=${canaries.REVALIDATE_SECRET}`,
        'UNRELATED_SETTING=1',
      ].join('\n'),
    )
    writeFileSync(join(dialogDir, 'open-path'), envFile)
    await page.getByTestId('import-env').click()
    // The import shows what it will change first (forms.e2e.ts covers the preview); apply it.
    await page.getByTestId('import-apply').click()
    const result = page.getByTestId('import-result')
    await expect.poll(() => result.innerText().then(plain)).toContain('PUSHER_SECRET')
    expect(await result.innerText().then(plain)).toContain('UNRELATED_SETTING')

    await page.reload()
    await waitBridge(page)
    await page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
    for (const name of Object.keys(canaries)) {
      await expect.poll(() => page.getByTestId(`secret-${name}`).getAttribute('data-saved')).toBe('true')
    }
    expect(await page.locator('[data-field="pusher.key"]').inputValue()).toBe('serverkey1')
    for (const value of Object.values(canaries)) await assertNowhere(s, value)
    // The password inside the URI on its own, too.
    await assertNowhere(s, 'Canary-DbPass-7f3a')
  })

  it('shows honest card states from configuration alone', async () => {
    const { page } = s
    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    // Other specs may have left their own profile selected: pick ours by name.
    await page.selectOption('#profile-switcher', { label: 'الإنتاج' })
    await page.locator('[data-card="database"]').waitFor()
    expect(await page.locator('[data-card="database"] [data-state]').getAttribute('data-state')).toBe('not-checked')
    expect(await page.getByTestId('env-badge').innerText().then(plain)).toBe(word('common.kinds.production'))
  })
})
