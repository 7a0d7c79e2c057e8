// Storefront pages E2E against the fixture Next.js site: the card opens the profile's pages like a visitor
// and shows each one's status and Next.js cache state (HIT once rendered), a page missing from the site as
// down with its code and the catalog's sentence, the must-contain text as found; the site secret never
// reaches the page (the check reads none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, assertNowhere, type Session, reloadApp, deleteProfiles, fixtureSite, siteProfile, type Bridge, type Site } from './browser'
import { fill, pattern, plain, word } from './words'

const card = '[data-card="pages"]'

describe('storefront pages', () => {
  let s: Session
  let site: Site
  const created: string[] = []
  beforeAll(async () => {
    site = fixtureSite()
    s = await openApp()
  })
  afterAll(async () => {
    await deleteProfiles(s, created)
    await s?.close()
  })

  const rows = () => s.page.locator(`${card} [data-testid="pages-row"]`)
  const row = (path: string) => s.page.locator(`${card} [data-testid="pages-row"][data-path="${path}"]`)

  /** run clicks the card's check and waits until its answer is shown. */
  async function run(): Promise<void> {
    const { page } = s
    await page.locator(`${card} [data-testid="pages-check"]`).click()
    await page.locator(`${card} [data-testid="pages-code"]`).waitFor()
    await page.locator(`${card} [data-testid="pages-check"]:not([disabled])`).waitFor()
  }

  it('shows every default page with its status and cache state', async () => {
    const { page } = s
    const id = await siteProfile(s, { name: 'متجر الصفحات E2E', kind: 'development', url: site.url, secret: site.secret, verifyPaths: false })
    created.push(id)
    await reloadApp(s)
    await page.locator('#profile-switcher').selectOption(id)
    await expect.poll(() => page.locator(`${card} [data-testid="pages-check"]`).isDisabled()).toBe(false)

    // Another spec may have revalidated the site: the first visitor then gets STALE or MISS and the next a
    // fresh HIT. Within a few runs every prerendered page is a HIT.
    let states: (string | null)[] = []
    for (let i = 0; i < 10; i++) {
      await run()
      states = await rows().evaluateAll((els) => els.map((e) => e.querySelector('[data-testid="pages-cache"]')!.getAttribute('data-cache')))
      for (const st of states) expect(st).toMatch(/^(HIT|STALE|MISS)$/)
      if (states.every((st) => st === 'HIT')) break
      await page.waitForTimeout(300)
    }
    expect(states).toEqual(['HIT', 'HIT', 'HIT'])
    expect(await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).toEqual(['/', '/dashboard', '/dashboard/management-dashboard'])
    expect(await page.locator(`${card} [data-testid="pages-code"]`).getAttribute('data-code')).toBe('OK')
    expect(plain(await page.locator(`${card} [data-testid="pages-message"]`).innerText())).toMatch(pattern('pages.why.allUp'))
    for (const status of await page.locator(`${card} [data-testid="pages-http-status"]`).allInnerTexts()) expect(status).toBe('200')
    for (const level of await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-level')))) expect(level).toBe('ok')
    expect(await row('/').locator('[data-testid="pages-timings"]').innerText()).toContain('ms')
    await assertNowhere(s, site.secret)
  })

  it('shows a missing page as down and the must-contain text as found', async () => {
    const { page } = s
    const id = created[0]
    await page.evaluate(async (id) => {
      const App = (window as unknown as Bridge).go.main.App
      const list = await App.ListProfiles()
      const p = list.profiles.find((x: { id: string }) => x.id === id)
      p.pages = [{ path: '/', mustContain: 'products-' }, { path: '/no-such-page', mustContain: '' }]
      const saved = await App.SaveProfile(p)
      if (!saved.ok) throw new Error(JSON.stringify(saved))
    }, id)
    await reloadApp(s)
    await page.locator('#profile-switcher').selectOption(id)
    await run()
    expect(await page.locator(`${card} [data-testid="pages-code"]`).getAttribute('data-code')).toBe('PAGES_DOWN')
    const said = plain(await page.locator(`${card} [data-testid="pages-message"]`).innerText())
    expect(said).toMatch(pattern('pages.msg.PAGES_DOWN'))
    expect(said).toContain('/no-such-page')
    const gone = row('/no-such-page')
    expect(await gone.getAttribute('data-level')).toBe('down')
    expect(await gone.getAttribute('data-code')).toBe('PAGE_HTTP_ERROR')
    expect(await gone.locator('[data-testid="pages-http-status"]').innerText()).toBe('404')
    expect(plain(await gone.locator('[data-testid="pages-page-message"]').innerText())).toBe(plain(fill('pages.msg.PAGE_HTTP_ERROR', { status: 404 })))
    expect(plain(await gone.locator('[data-testid="pages-page-hint"]').innerText())).toBe(plain(word('code.PAGE_HTTP_ERROR.hint')))
    expect(await row('/').locator('[data-testid="pages-found"]').getAttribute('data-found')).toBe('true')
    // SIYANA_PAGES_SHOT=<file.png> keeps a picture of the card (for a look at its layout in each language).
    if (process.env.SIYANA_PAGES_SHOT) await page.locator(card).screenshot({ path: process.env.SIYANA_PAGES_SHOT })
    await assertNowhere(s, site.secret)
  })

  it('edits the pages list in Settings: a path to another host is refused, a good one is checked', async () => {
    const { page } = s
    await page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
    await page.getByRole('button', { name: 'متجر الصفحات E2E' }).click() // the list's button: name and kind badge
    const form = page.getByTestId('pages-settings')
    await expect.poll(() => form.locator('[data-field="pages.path"]').count()).toBe(2)
    await form.getByTestId('pages-add').click()
    const path = form.locator('[data-field="pages.path"]').nth(2)
    await path.fill('//evil.example/x')
    await page.getByTestId('save-profile').click()
    const err = form.locator('small.err')
    await expect.poll(() => err.getAttribute('data-code')).toBe('pathDoubleSlash')
    expect(await path.getAttribute('aria-invalid')).toBe('true')

    await path.fill('/dashboard')
    await form.locator('[data-field="pages.mustContain"]').nth(2).fill('company-')
    await page.getByTestId('save-profile').click()
    await expect.poll(() => page.getByTestId('settings-status').innerText().then(plain)).toBe(word('settings.saved'))
    expect(await err.count()).toBe(0)

    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    await run()
    expect(await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).toEqual(['/', '/no-such-page', '/dashboard'])
    expect(await row('/dashboard').getAttribute('data-level')).toBe('ok')
    expect(await row('/dashboard').locator('[data-testid="pages-found"]').getAttribute('data-found')).toBe('true')
  })
})
