// Revalidation E2E against the fixture Next.js site running the shipped route: a full refresh advances a
// determinate bar with the buttons disabled and adds a log row; a changed data file plus a `products` tag
// revalidation verifies `/` as fresh; a profile repointed to another origin sends nothing until the admin
// confirms it (in the in-app dialog). The site secret never reaches the page. The production confirmation of a
// full refresh is in dialogs.e2e.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { openApp, assertNowhere, type Session, reloadApp, deleteProfiles, appDialog, fixtureSite, siteProfile, type Site } from './browser'
import { fill, pattern, plain, word } from './words'

interface Snap {
  now: number
  max: number
  step: string
  running: boolean
  allDisabled: boolean
}

const card = '[data-card="revalidate"]'

describe('revalidation', () => {
  let s: Session
  let site: Site
  beforeAll(async () => {
    site = fixtureSite()
    s = await openApp()
  })
  const created: string[] = []
  afterAll(async () => {
    // Leave the shared profile store as found: other specs (foundation) expect to create the first profile.
    await deleteProfiles(s, created)
    await s?.close()
  })

  async function createProfile(name: string, kind: string, url = site.url): Promise<string> {
    const id = await siteProfile(s, { name, kind, url, secret: site.secret, verifyPaths: true })
    created.push(id)
    await reloadApp(s)
    await s.page.locator('#profile-switcher').selectOption(id)
    await s.page.locator(`${card} [data-chip="products"]`).waitFor()
    return id
  }

  const button = (name: string) => s.page.locator(card).getByRole('button', { name, exact: true })
  const logRows = () => s.page.locator(`${card} [data-testid="revalidate-log"] tbody tr`).count()

  it('full refresh advances a determinate bar, disables the buttons, then logs the run', async () => {
    const { page } = s
    await createProfile('موقع التطوير', 'development')
    expect(await page.getByTestId('revalidate-log-empty').isVisible()).toBe(true)

    // Record every state of the bar as it renders, with whether the action buttons were disabled then.
    await page.evaluate((card) => {
      const w = window as unknown as { __rv: unknown[] }
      w.__rv = []
      new MutationObserver(() => {
        const bar = document.querySelector(`${card} [role="progressbar"]`)
        if (!bar) return
        const actions = Array.from(document.querySelectorAll(`${card} [data-testid="revalidate-actions"] button`)) as HTMLButtonElement[]
        w.__rv.push({
          now: Number(bar.getAttribute('aria-valuenow')),
          max: Number(bar.getAttribute('aria-valuemax')),
          step: document.querySelector(`${card} [data-testid="revalidate-step"]`)?.textContent ?? '',
          running: !!document.querySelector(`${card} [data-testid="revalidate-cancel"]`),
          allDisabled: actions.filter((b) => b.dataset.testid !== 'revalidate-cancel').every((b) => b.disabled),
        })
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
    }, card)

    await button(word('revalidate.actions.full')).click()
    const result = page.locator(`${card} [data-testid="revalidate-result"]`)
    await result.waitFor({ timeout: 30_000 })
    expect(await result.getAttribute('data-code')).toBe('OK')

    const snaps = (await page.evaluate(() => (window as unknown as { __rv: Snap[] }).__rv)) as Snap[]
    const during = snaps.filter((x) => x.running)
    expect(during.length).toBeGreaterThan(0)
    expect(during.every((x) => x.allDisabled)).toBe(true)
    const values = snaps.map((x) => x.now)
    console.info(`bar values seen: ${[...new Set(values)].join(',')} of ${snaps[0]?.max}; states while running: ${during.length}`)
    expect(values.some((v, i) => i > 0 && v > values[i - 1])).toBe(true)
    expect(during.some((x) => x.now < x.max)).toBe(true)

    const bar = page.locator(`${card} [role="progressbar"]`)
    const max = await bar.getAttribute('aria-valuemax')
    expect(Number(max)).toBeGreaterThan(1)
    expect(await bar.getAttribute('aria-valuenow')).toBe(max)
    expect(await bar.getAttribute('aria-valuemin')).toBe('0')
    expect(await bar.getAttribute('aria-valuetext')).toContain(word('revalidate.phases.done'))
    expect(await page.locator(`${card} [data-testid="revalidate-step"]`).innerText().then(plain)).toBe(fill('revalidate.progress.step', { step: max!, steps: max! }))

    // The cooldown follows the run: the buttons stay disabled while it counts down.
    await expect.poll(() => page.locator(`${card} [data-testid="revalidate-cooldown"]`).innerText().then(plain).catch(() => '')).toMatch(pattern('revalidate.cooldown', '\\d+'))
    expect(await button(word('revalidate.actions.full')).isDisabled()).toBe(true)

    await expect.poll(logRows).toBe(1)
    const first = page.locator(`${card} [data-testid="revalidate-log"] tbody tr`).first()
    const row = await first.innerText().then(plain)
    expect(row).toContain('e2e-admin')
    expect(await first.getAttribute('data-outcome')).toBe('ok')
    expect(row).toContain(word('revalidate.outcomes.ok'))
    await assertNowhere(s, site.secret)
  })

  it('a changed data file plus a products tag revalidation verifies / as fresh', async () => {
    const { page } = s
    // The fixture reads a {tag: value} JSON file (backend/testpeer/nextsite.go SetData); replace it by rename.
    const data = JSON.parse(readFileSync(site.dataFile, 'utf8')) as Record<string, string>
    const fresh = `products-e2e-${Date.now()}`
    data.products = fresh
    writeFileSync(`${site.dataFile}.e2e`, JSON.stringify(data, null, 2))
    renameSync(`${site.dataFile}.e2e`, site.dataFile)

    // Keep only the products chip; an invalid path is flagged live and blocks the paths button.
    for (const tag of ['company', 'categories', 'promotions']) {
      await page.locator(`${card} [data-chip="${tag}"] button`).click()
    }
    await page.getByTestId('chip-input-paths').fill('no-slash')
    await page.getByTestId('chip-input-paths').press('Enter')
    await expect.poll(() => page.locator(`${card} [data-chip="no-slash"]`).getAttribute('data-invalid')).toBe('true')
    expect(await button(word('revalidate.actions.paths')).isDisabled()).toBe(true)
    await page.locator(`${card} [data-chip="no-slash"] button`).click()

    const tagsButton = button(word('revalidate.actions.tags'))
    await expect.poll(() => tagsButton.isEnabled(), { timeout: 10_000 }).toBe(true) // the cooldown ended
    await tagsButton.click()
    const result = page.locator(`${card} [data-testid="revalidate-result"]`)
    await expect.poll(() => result.getAttribute('data-code').catch(() => ''), { timeout: 30_000 }).toBe('OK')
    expect(await result.locator('[data-item]').count()).toBe(1)
    expect(await result.locator('[data-item="products"]').getAttribute('data-ok')).toBe('true')
    const home = result.locator('[data-testid="revalidate-verify"] tr[data-path="/"]')
    expect(await home.getAttribute('data-state')).toBe('fresh')
    expect(await home.innerText().then(plain)).toContain(word('revalidate.verifyStates.fresh'))
    // And the site really serves the new value now.
    expect(await (await fetch(`${site.url}/`)).text()).toContain(fresh)
    await expect.poll(logRows).toBe(2)
    await assertNowhere(s, site.secret)
  })

  it('a profile repointed to another origin sends nothing until the admin confirms it', async () => {
    const { page } = s
    const id = await createProfile('موقع نُقل', 'development')
    // Same site, another origin (localhost is not 127.0.0.1 to a browser either). The binding the request
    // tries to set along with the URL is ignored by Go.
    const moved = site.url.replace('127.0.0.1', 'localhost')
    await page.evaluate(
      async ({ id, moved }) => {
        const app = (window as unknown as { go: { main: { App: Record<string, (...a: unknown[]) => Promise<any>> } } }).go.main.App
        const list = await app.ListProfiles()
        const p = list.profiles.find((x: { id: string }) => x.id === id)
        const res = await app.SaveProfile({ ...p, siteUrl: moved, revalidateSecretOrigins: [moved] })
        if (!res.ok) throw new Error(JSON.stringify(res))
      },
      { id, moved },
    )
    await reloadApp(s)
    await page.locator('#profile-switcher').selectOption(id)
    await page.locator(`${card} [data-chip="products"]`).waitFor()

    await button(word('revalidate.actions.test')).click()
    const result = page.locator(`${card} [data-testid="revalidate-result"]`)
    await expect.poll(() => result.getAttribute('data-code').catch(() => ''), { timeout: 30_000 }).toBe('SECRET_ORIGIN_CHANGED')
    const origin = page.locator(`${card} [data-testid="revalidate-origin"]`)
    expect(await origin.locator('[data-origin="saved"]').innerText().then(plain)).toBe(site.url)
    expect(await origin.locator('[data-origin="current"]').innerText().then(plain)).toBe(moved)
    expect(await result.innerText().then(plain)).toContain(moved)

    // The in-app dialog asks, naming the new origin; confirming binds the secret to it.
    await origin.getByTestId('revalidate-confirm-origin').click()
    const dialog = appDialog(page)
    await dialog.waitFor()
    expect(await dialog.locator('h2').innerText().then(plain)).toBe(word('revalidate.origin.title'))
    expect(await dialog.locator('p').innerText().then(plain)).toContain(moved)
    await dialog.locator('[data-choice="confirm"]').click()
    await expect.poll(() => page.locator(`${card} [data-testid="revalidate-notice"]`).getAttribute('data-code').catch(() => '')).toBe('OK')
    expect(await origin.count()).toBe(0)

    await button(word('revalidate.actions.test')).click()
    await expect.poll(() => result.getAttribute('data-code').catch(() => ''), { timeout: 30_000 }).toBe('OK')
    await assertNowhere(s, site.secret)
  })

  it('a site that is down says so once, with a code and a step forward (issue 12)', async () => {
    const { page } = s
    // A loopback port nothing listens on: taken, then released.
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port
        srv.close(() => resolve(p))
      })
    })
    const down = `http://127.0.0.1:${port}`
    await createProfile('موقع متوقف', 'development', down)
    await button(word('revalidate.actions.test')).click()
    const result = page.locator(`${card} [data-testid="revalidate-result"]`)
    await expect.poll(() => result.getAttribute('data-code').catch(() => ''), { timeout: 30_000 }).toBe('UNREACHABLE')
    expect(await result.getByTestId('revalidate-message').getAttribute('data-reason')).toBe('siteDown')
    expect(await result.getByTestId('revalidate-message').innerText().then(plain)).toContain(down)
    expect(await result.getByTestId('revalidate-hint').innerText().then(plain)).toBe(plain(word('revalidate.whyHint.siteDown')))
    expect(await result.getByTestId('error-code').getAttribute('data-code')).toBe('UNREACHABLE')
    expect(await result.locator('[data-testid="error-code"] code').innerText()).toBe('UNREACHABLE')
    // The failure is said once: the items point at it, and the raw English dial error is nowhere.
    const errs = await result.locator('[data-item] .err').allInnerTexts()
    for (const e of errs) expect(plain(e)).toBe(plain(word('revalidate.item.sameAsRun')))
    const text = await result.innerText()
    for (const raw of ['dial tcp', 'connection refused', 'Post "']) expect(text).not.toContain(raw)
  })
})
