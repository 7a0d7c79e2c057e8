// Dialog E2E: every confirmation is the in-app dialog (never window.confirm): in the run's language and
// direction, the safe button focused, Tab kept inside, Escape cancelling. The production full refresh runs
// only when confirmed; a delete keeps the profile on Escape and shows the next profile (or the empty state)
// once confirmed; Settings with unsaved edits asks before it is left (stay keeps the edit, discard drops it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appDialog, assertNowhere, deleteProfiles, focusedChoice, openApp, reloadApp, fixtureSite, siteProfile, type Bridge, type Session, type Site } from './browser'
import { LANG, fill, plain, word } from './words'

describe('dialogs', () => {
  let s: Session
  let site: Site
  const created: string[] = []
  const nativeDialogs: string[] = []
  beforeAll(async () => {
    site = fixtureSite()
    s = await openApp()
    // A browser dialog (window.confirm) would be a regression: record it and refuse it.
    s.page.on('dialog', (d) => {
      nativeDialogs.push(d.message())
      void d.dismiss()
    })
  })
  afterAll(async () => {
    await deleteProfiles(s, created)
    await s?.close()
    expect(nativeDialogs).toEqual([])
  })

  async function createProfile(name: string, kind: string): Promise<string> {
    const id = await siteProfile(s, { name, kind, url: site.url, secret: site.secret, verifyPaths: false })
    created.push(id)
    return id
  }

  async function goList(): Promise<{ id: string; name: string }[]> {
    return s.page.evaluate(async () => {
      const res = await (window as unknown as Bridge).go.main.App.ListProfiles()
      return (res.profiles ?? []).map((p: { id: string; name: string }) => ({ id: p.id, name: p.name }))
    })
  }

  const nav = (key: string) => s.page.getByRole('button', { name: word(key), exact: true })
  const card = '[data-card="revalidate"]'
  const inList = (name: string) => s.page.locator('.settings aside li button', { hasText: name })

  // settingsAfterReload reloads the app (its profile list then has the profiles just made through the
  // bindings) and opens Settings on the profile named name.
  async function settingsAfterReload(name: string): Promise<void> {
    await reloadApp(s)
    await nav('common.nav.settings').click()
    await inList(name).click()
    await expect.poll(() => s.page.locator('[data-field="name"]').inputValue()).toBe(name)
  }

  /** expectDialog waits for the dialog and checks what every confirmation shares; the dialog locator. */
  async function expectDialog(title: string) {
    const dialog = appDialog(s.page)
    await dialog.waitFor()
    expect(await dialog.locator('h2').innerText().then(plain)).toBe(title)
    expect(await dialog.getAttribute('role')).toBe('alertdialog')
    expect(await dialog.getAttribute('dir')).toBe(LANG === 'ar' ? 'rtl' : 'ltr')
    expect(await dialog.evaluate((d) => getComputedStyle(d).direction)).toBe(LANG === 'ar' ? 'rtl' : 'ltr')
    // The safe answer is the default: it has the focus as the dialog opens.
    await expect.poll(() => focusedChoice(s.page)).toBe(await dialog.locator('[data-default]').getAttribute('data-choice'))
    // Tab goes round the dialog's buttons in order and Shift+Tab back: the focus never leaves it.
    const order = await dialog.locator('button').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.choice))
    const start = order.indexOf(await focusedChoice(s.page))
    for (let i = 1; i <= order.length + 1; i++) {
      await s.page.keyboard.press('Tab')
      expect(await focusedChoice(s.page)).toBe(order[(start + i) % order.length])
    }
    await s.page.keyboard.press('Shift+Tab')
    expect(await focusedChoice(s.page)).toBe(order[(start + order.length) % order.length])
    await dialog.locator('[data-default]').focus()
    return dialog
  }

  it('a production full refresh asks in the in-app dialog: Escape runs nothing, confirm runs it', async () => {
    const { page } = s
    const id = await createProfile('الإنتاج للحوار', 'production')
    await reloadApp(s)
    await page.locator('#profile-switcher').selectOption(id)
    await page.locator(`${card} [data-chip="products"]`).waitFor()
    await page.getByTestId('revalidate-log-empty').waitFor()
    const full = page.locator(card).getByRole('button', { name: word('revalidate.actions.full'), exact: true })
    await expect.poll(() => full.isEnabled()).toBe(true)

    await full.click()
    const dialog = await expectDialog(word('revalidate.confirmFullTitle'))
    expect(await dialog.locator('p').innerText().then(plain)).toBe(word('revalidate.confirmFull'))
    expect(await dialog.locator('[data-choice="confirm"]').innerText().then(plain)).toBe(word('revalidate.confirmFullGo'))
    expect(await dialog.locator('[data-choice="confirm"]').getAttribute('class')).toContain('danger')
    expect(await dialog.locator('[data-choice="cancel"]').innerText().then(plain)).toBe(word('common.dialog.cancel'))
    await page.keyboard.press('Escape')
    await expect.poll(() => appDialog(page).count()).toBe(0)
    // The focus is back on the button that asked; nothing ran (no bar, no result, no run in the log).
    expect(await full.evaluate((b) => b === document.activeElement)).toBe(true)
    await page.waitForTimeout(300)
    expect(await page.locator(`${card} [role="progressbar"]`).count()).toBe(0)
    expect(await page.locator(`${card} [data-testid="revalidate-result"]`).count()).toBe(0)
    await reloadApp(s)
    await page.getByTestId('revalidate-log-empty').waitFor()
    // Enter on the focused (safe) button is a cancel too.
    await expect.poll(() => full.isEnabled()).toBe(true)
    await full.click()
    await appDialog(page).waitFor()
    await expect.poll(() => focusedChoice(page)).toBe('cancel')
    await page.keyboard.press('Enter')
    await expect.poll(() => appDialog(page).count()).toBe(0)
    await page.waitForTimeout(300)
    expect(await page.locator(`${card} [data-testid="revalidate-result"]`).count()).toBe(0)

    await full.click()
    await appDialog(page).locator('[data-choice="confirm"]').click()
    const result = page.locator(`${card} [data-testid="revalidate-result"]`)
    await expect.poll(() => result.getAttribute('data-code').catch(() => ''), { timeout: 30_000 }).toBe('OK')
    await expect.poll(() => page.locator(`${card} [data-testid="revalidate-log"] tbody tr`).count()).toBe(1)
    await assertNowhere(s, site.secret)
  })

  it('a delete asks: Escape keeps the profile; confirmed, the next profile is shown, then the empty state', async () => {
    const { page } = s
    const first = await createProfile('بيئة للحذف', 'staging')
    const second = await createProfile('بيئة تالية', 'development')
    await settingsAfterReload('بيئة للحذف')

    await page.getByTestId('delete-profile').click()
    const dialog = await expectDialog(word('settings.deleteTitle'))
    expect(await dialog.locator('p').innerText().then(plain)).toBe(fill('settings.deleteConfirm', { name: 'بيئة للحذف' }))
    expect(await dialog.locator('[data-choice="confirm"]').innerText().then(plain)).toBe(word('settings.delete'))
    expect(await dialog.locator('[data-choice="confirm"]').getAttribute('class')).toContain('danger')
    if (process.env.SIYANA_DIALOG_SHOT) {
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: process.env.SIYANA_DIALOG_SHOT })
    }
    await page.keyboard.press('Escape')
    await expect.poll(() => appDialog(page).count()).toBe(0)
    await page.waitForTimeout(300)
    expect((await goList()).map((p) => p.id)).toContain(first)
    expect(await page.locator('[data-field="name"]').inputValue()).toBe('بيئة للحذف')

    // Confirmed: gone from Go and from the list; the form shows the profile that followed it.
    const before = await goList()
    const at = before.findIndex((p) => p.id === first)
    const expected = (before[at + 1] ?? before[at - 1]).name
    await page.getByTestId('delete-profile').click()
    await appDialog(page).locator('[data-choice="confirm"]').click()
    await expect.poll(() => page.getByTestId('settings-status').innerText().then(plain)).toBe(word('settings.deleted'))
    expect((await goList()).map((p) => p.id)).not.toContain(first)
    expect(await inList('بيئة للحذف').count()).toBe(0)
    expect(await page.locator('[data-field="name"]').inputValue()).toBe(expected)
    expect(await page.locator('#settings-title').innerText().then(plain)).toBe(expected)

    // Deleting every profile left ends on the empty state, never on a blank unnamed form. (The specs share
    // one profile store; each creates what it needs, so none relies on what this one removes.)
    await inList('بيئة تالية').click()
    for (let left = await goList(); left.length; left = await goList()) {
      const shown = await page.locator('[data-field="name"]').inputValue()
      const i = left.findIndex((p) => p.name === shown)
      expect(i).toBeGreaterThanOrEqual(0)
      const next = left[i + 1] ?? left[i - 1]
      await page.getByTestId('delete-profile').click()
      await appDialog(page).locator('[data-choice="confirm"]').click()
      await expect.poll(async () => (await goList()).length).toBe(left.length - 1)
      if (next) await expect.poll(() => page.locator('[data-field="name"]').inputValue()).toBe(next.name)
    }
    created.length = 0 // every profile is gone, this spec's included
    await page.getByTestId('settings-empty').waitFor()
    expect(await page.locator('[data-field="name"]').count()).toBe(0)
    // No profile left: the first run's empty state again (what Siyana needs, the two ways in).
    expect(await page.getByTestId('first-run').locator('h2').innerText().then(plain)).toBe(word('firstRun.title'))
  })

  it('Settings with unsaved edits asks before it is left: stay keeps the edit, discard drops it, save keeps it', async () => {
    const { page } = s
    const id = await createProfile('بيئة التعديل', 'staging')
    const other = await createProfile('بيئة أخرى', 'development')
    await settingsAfterReload('بيئة التعديل')
    const name = page.locator('[data-field="name"]')
    // Nothing edited: the checks open without a question.
    await nav('common.nav.home').click()
    await page.locator(card).waitFor()
    expect(await appDialog(page).count()).toBe(0)

    await nav('common.nav.settings').click()
    await inList('بيئة التعديل').click()
    await name.fill('بيئة التعديل الجديدة')
    await page.getByTestId('settings-dirty').waitFor()

    // Leaving for the checks asks; stay (the default) keeps the edit on screen.
    await nav('common.nav.home').click()
    const dialog = await expectDialog(word('settings.unsaved.title'))
    expect(await dialog.locator('p').innerText().then(plain)).toBe(fill('settings.unsaved.message', { name: 'بيئة التعديل الجديدة' }))
    expect(await focusedChoice(page)).toBe('stay')
    await dialog.locator('[data-choice="stay"]').click()
    await expect.poll(() => appDialog(page).count()).toBe(0)
    expect(await name.inputValue()).toBe('بيئة التعديل الجديدة')
    expect(await page.locator(card).count()).toBe(0)
    // Escape is a stay too.
    await nav('common.nav.home').click()
    await appDialog(page).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => appDialog(page).count()).toBe(0)
    expect(await name.inputValue()).toBe('بيئة التعديل الجديدة')

    // Switching to another profile or starting a new one asks as well.
    await inList('بيئة أخرى').click()
    await appDialog(page).waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('new-profile').click()
    await appDialog(page).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => appDialog(page).count()).toBe(0)
    expect(await name.inputValue()).toBe('بيئة التعديل الجديدة')

    // Discard: the checks open and the edit is gone (Go kept the saved name; the form shows it again).
    await nav('common.nav.home').click()
    await appDialog(page).locator('[data-choice="discard"]').click()
    await page.locator(card).waitFor()
    expect((await goList()).find((p) => p.id === id)?.name).toBe('بيئة التعديل')
    await nav('common.nav.settings').click()
    await inList('بيئة التعديل').click()
    await expect.poll(() => name.inputValue()).toBe('بيئة التعديل')
    expect(await page.getByTestId('settings-dirty').count()).toBe(0)

    // Save and go on: the edit is saved, then the other profile opens.
    await name.fill('بيئة التعديل المحفوظة')
    await inList('بيئة أخرى').click()
    await appDialog(page).locator('[data-choice="save"]').click()
    await expect.poll(() => name.inputValue()).toBe('بيئة أخرى')
    expect((await goList()).find((p) => p.id === id)?.name).toBe('بيئة التعديل المحفوظة')
    expect(other).toBeTruthy()
  })

  it('unsaved watch settings are guarded too: discard drops them, save keeps them', async () => {
    const { page } = s
    await createProfile('بيئة المراقبة', 'staging')
    await settingsAfterReload('بيئة المراقبة')
    const interval = page.locator('[data-testid="watch-row"]').first().getByTestId('watch-interval')
    await interval.waitFor()
    const saved = await interval.inputValue()
    const edited = String(Number(saved) + 17)
    await interval.fill(edited)
    await page.getByTestId('watch-dirty').waitFor()
    expect(await page.getByTestId('settings-dirty').count()).toBe(0) // the profile form itself is unchanged

    await nav('common.nav.home').click()
    await expectDialog(word('settings.unsaved.title'))
    await appDialog(page).locator('[data-choice="discard"]').click()
    await page.locator(card).waitFor()
    await settingsAfterReload('بيئة المراقبة')
    await expect.poll(() => interval.inputValue()).toBe(saved)

    await interval.fill(edited)
    await nav('common.nav.home').click()
    await appDialog(page).locator('[data-choice="save"]').click()
    await page.locator(card).waitFor()
    await settingsAfterReload('بيئة المراقبة')
    await expect.poll(() => interval.inputValue()).toBe(edited)
    expect(await page.getByTestId('watch-dirty').count()).toBe(0)
  })
})
