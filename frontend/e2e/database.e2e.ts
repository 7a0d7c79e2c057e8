// Database card E2E against FerretDB (MongoDB wire, SCRAM login): the card shows a warm latency and the
// database badge, a wrong password shows the UNAUTHORIZED label and its Arabic hint without breaking the
// page, the button is disabled while a check runs, and the password reaches neither the page nor the
// frames Go sends back.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openApp, assertNowhere, type Session, waitBridge, reloadApp, deleteProfiles, databaseProfile, type Bridge } from './browser'
import { pattern, plain, word } from './words'

interface MongoPeer {
  uri: string
  uriWrongPassword: string
  host: string
  database: string
}

const mongo = (inject('peers') as { mongo?: MongoPeer }).mongo
const password = mongo ? decodeURIComponent(new URL(mongo.uri).password) : ''
const wrongPassword = mongo ? decodeURIComponent(new URL(mongo.uriWrongPassword).password) : ''

describe('database card', () => {
  let s: Session
  let profileId = ''

  beforeAll(async () => {
    // Without FerretDB this spec proves nothing: fail loudly instead of skipping.
    if (!mongo) throw new Error('the peers did not include mongo (set SIYANA_PEERS_BINARY and build FerretDB)')
    s = await openApp()
    profileId = await databaseProfile(s, 'قاعدة بيانات تجريبية', mongo.uri, { dbPlan: 'M10', atlasLookup: true })
    await reloadApp(s)
  })

  afterAll(async () => {
    // Leave the shared config as found: the other specs work on the selected (or first) profile.
    await deleteProfiles(s, profileId ? [profileId] : [])
    await s?.close()
  })

  const card = () => s.page.locator('[data-card="database"]')
  const state = () => card().locator('[data-state]').getAttribute('data-state')

  /** clickCheck clicks the check button and reports whether the button was disabled and busy while the check ran, and
   * how many CheckDatabase calls reached the bridge. A MutationObserver sees the running state even when
   * the check answers in a few milliseconds. */
  async function clickCheck(): Promise<{ disabledWhileRunning: boolean; busyShown: boolean; calls: number }> {
    const { page } = s
    await page.evaluate(() => {
      const w = window as unknown as Bridge & { __db?: { disabled: boolean; busy: boolean; calls: number } }
      const rec = { disabled: false, busy: false, calls: 0 }
      w.__db = rec
      const App = w.go.main.App
      const original = App.CheckDatabase
      App.CheckDatabase = (...args: unknown[]) => {
        rec.calls++
        return original(...args)
      }
      const root = document.querySelector('[data-card="database"]')!
      const button = root.querySelector<HTMLButtonElement>('[data-testid="db-check"]')!
      const obs = new MutationObserver(() => {
        if (button.disabled && button.getAttribute('aria-busy') === 'true') {
          rec.disabled = true
          button.click() // a click on the disabled button must not start a second check
        }
        if (root.querySelector('[data-state="loading"][aria-busy="true"]')) rec.busy = true
      })
      obs.observe(root, { subtree: true, attributes: true, childList: true })
      button.click()
      ;(w as unknown as { __dbStop: () => void }).__dbStop = () => {
        obs.disconnect()
        App.CheckDatabase = original
      }
    })
    await expect.poll(state).toMatch(/^(ok|error)$/)
    await expect.poll(() => card().getByTestId('db-check').isEnabled()).toBe(true)
    return page.evaluate(() => {
      const w = window as unknown as { __db: { disabled: boolean; busy: boolean; calls: number }; __dbStop: () => void }
      w.__dbStop()
      return { disabledWhileRunning: w.__db.disabled, busyShown: w.__db.busy, calls: w.__db.calls }
    })
  }

  it('checks FerretDB: warm latency, connect time, the shopdb badge, host and plan', async () => {
    await expect.poll(state).toBe('not-checked')
    const run = await clickCheck()
    expect(run).toEqual({ disabledWhileRunning: true, busyShown: true, calls: 1 })
    expect(await state()).toBe('ok')
    expect(await card().getByTestId('db-latency').innerText().then(plain)).toMatch(/ms$/)
    expect(await card().getByTestId('db-connect').innerText().then(plain)).toMatch(/ms$/)
    expect(await card().getByTestId('db-name').innerText().then(plain)).toBe('shopdb')
    expect(await card().getByTestId('db-host').innerText().then(plain)).toBe(mongo!.host)
    expect(await card().getByTestId('db-plan').innerText().then(plain)).toBe('M10')
    expect(await card().getByTestId('db-checked-at').innerText().then(plain)).toMatch(pattern('common.lastChecked'))
    // Atlas is not set up on this profile: the card says so and names what is missing.
    const atlas = card().locator('[data-atlas]')
    expect(await atlas.getAttribute('data-atlas')).toBe('not-configured')
    expect(await atlas.innerText().then(plain)).toContain(word('database.atlas.notConfigured'))
    expect(await atlas.innerText().then(plain)).toContain('ATLAS_GROUP_ID')
  })

  it('shows UNAUTHORIZED with its hint for a wrong password, and recovers with the right URI', async () => {
    const { page } = s
    await page.evaluate(
      ([id, uri]) => (window as unknown as Bridge).go.main.App.SetSecret(id, 'DATABASE_URL', uri),
      [profileId, mongo!.uriWrongPassword],
    )
    const run = await clickCheck()
    expect(run.calls).toBe(1)
    expect(await state()).toBe('error')
    expect(await card().getByTestId('db-code').innerText().then(plain)).toBe(word('code.UNAUTHORIZED.label'))
    expect(await card().getByTestId('db-code').getAttribute('data-code')).toBe('UNAUTHORIZED')
    expect(await card().getByTestId('db-hint').innerText().then(plain)).toContain('Database Access')
    // The code is shown, small and copyable, for support (issue 12).
    const code = card().getByTestId('error-code')
    expect(await code.getAttribute('data-code')).toBe('UNAUTHORIZED')
    expect(await code.locator('code').innerText()).toBe('UNAUTHORIZED')
    await code.getByTestId('error-code-copy').click()
    await expect
      .poll(async () => (await code.getByTestId('error-code-copy').innerText()) === word('common.errorCode.copied') ||
        (await page.evaluate(() => window.getSelection()?.toString() ?? '')) === 'UNAUTHORIZED')
      .toBe(true)

    // The page stays usable: put the right URI back through the settings and check again.
    await page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
    const row = page.locator('[data-secret="DATABASE_URL"]')
    await row.getByLabel('DATABASE_URL').fill(mongo!.uri)
    await row.getByRole('button', { name: word('settings.secrets.save') }).click()
    await expect.poll(() => row.getByLabel('DATABASE_URL').inputValue()).toBe('')
    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    await card().waitFor()
    // The last (failed) result is still on the card after the view change.
    await expect.poll(state).toBe('error')
    await clickCheck()
    expect(await state()).toBe('ok')
    expect(await card().getByTestId('db-name').innerText().then(plain)).toBe('shopdb')
  })

  it('fetches statistics only when the toggle is on, keeps the toggle and the last result after a reload', async () => {
    const { page } = s
    expect(await card().getByTestId('db-stats').count()).toBe(0)
    const toggle = card().getByTestId('db-stats-toggle')
    expect(await toggle.isChecked()).toBe(false)
    await toggle.check()
    await clickCheck()
    expect(await state()).toBe('ok')
    const stats = card().getByTestId('db-stats')
    await stats.waitFor()
    expect(await stats.innerText().then(plain)).toContain(word('database.stats.collections'))

    await page.reload()
    await waitBridge(page)
    await card().waitFor()
    await expect.poll(state).toBe('ok')
    expect(await card().getByTestId('db-stats-toggle').isChecked()).toBe(true)
    expect(await card().getByTestId('db-stats').innerText().then(plain)).toContain(word('database.stats.objects'))
  })

  it('never shows or receives the database password', async () => {
    expect(password.length).toBeGreaterThan(3)
    await assertNowhere(s, password)
    await assertNowhere(s, wrongPassword)
    await assertNowhere(s, mongo!.uri)
  })
})
