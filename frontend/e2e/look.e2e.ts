// Layout and look E2E (issue 12, point 6) against the dev bridge and the real peers: the theme switch is
// saved by Go and survives a reload, "system" follows the OS, the focus ring shows on controls reached from
// the keyboard, the secrets panel keeps its inputs usable at 760 px, and the dashboard leaves no card alone
// on a row (the five cards from 760 to 1920 px, and four). With SIYANA_SCREENS_DIR set it also writes the
// docs' screenshots (dashboard at 760/1280/1920 px, light and dark; Settings at 760 and 1920).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openApp, reloadApp, deleteProfiles, type Session, type Site } from './browser'
import { word } from './words'

interface Peers {
  mongo?: { uri: string }
  pusher?: { host: string; app: { id: string; key: string; secret: string } }
  site?: Site
}

// The page's --bg in each theme (style.css); the window's colour before the page (backend/theme) is pinned to it by a Go test.
const BG = { light: 'rgb(247, 246, 242)', dark: 'rgb(23, 25, 28)' }

const bodyBg = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor)

/** tabTo presses Tab until the element matching selector has the focus (at most limit presses). */
async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return
  }
  throw new Error(`${selector} was not reached with Tab`)
}

const outline = (page: Page) =>
  page.evaluate(() => {
    const st = getComputedStyle(document.activeElement!)
    return { style: st.outlineStyle, width: parseFloat(st.outlineWidth), visible: document.activeElement!.matches(':focus-visible') }
  })

/** rows groups the dashboard's cards by their top edge: the number of cards on each row. */
const rows = (page: Page) =>
  page.evaluate(() => {
    const tops = new Map<number, number>()
    for (const c of document.querySelectorAll('main .grid > *')) {
      const top = Math.round(c.getBoundingClientRect().top)
      tops.set(top, (tops.get(top) ?? 0) + 1)
    }
    return [...tops.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n)
  })

describe('layout and look', () => {
  const peers = inject('peers') as Peers
  let s: Session
  let profileId = ''

  beforeAll(async () => {
    if (!peers.mongo || !peers.pusher || !peers.site) throw new Error('the peers are not running: set SIYANA_PEERS_BINARY')
    s = await openApp()
    // Setup through the bindings (fast): a profile like the sandbox's, on every real peer.
    profileId = await s.page.evaluate(async (p) => {
      type Bound = Record<string, (...a: unknown[]) => Promise<{ ok: boolean; code?: string; profile?: { id: string } }>>
      const app = (window as unknown as { go: { main: { App: Bound } } }).go.main.App
      const saved = await app.SaveProfile({
        id: '', name: 'Sandbox (local)', kind: 'development', siteUrl: p.site!.url, instanceUrls: [], actor: 'e2e-admin',
        dbPlan: 'FerretDB (local)',
        pusher: { appId: p.pusher!.app.id, key: p.pusher!.app.key, cluster: 'local', publicKey: p.pusher!.app.key,
          publicCluster: 'local', host: p.pusher!.host, insecure: true },
        atlas: { groupId: '', clusterName: '' },
        revalidation: { tags: ['products'], paths: ['/'], cooldownSeconds: 3 },
        features: { dbStats: false, atlasLookup: false, verifyPaths: true },
        savedSecrets: [],
      })
      if (!saved.ok || !saved.profile) throw new Error(`profile not saved: ${saved.code}`)
      const id = saved.profile.id
      for (const [n, v] of [['DATABASE_URL', p.mongo!.uri], ['PUSHER_SECRET', p.pusher!.app.secret], ['REVALIDATE_SECRET', p.site!.secret]]) {
        const r = await app.SetSecret(id, n, v)
        if (!r.ok) throw new Error(`${n}: ${r.code}`)
      }
      await app.SelectProfile(id)
      return id
    }, peers)
    await reloadApp(s)
  })
  afterAll(async () => {
    if (s) await s.page.evaluate(() => (window as unknown as { go: { main: { App: { SetTheme: (t: string) => Promise<unknown> } } } }).go.main.App.SetTheme('system'))
    await deleteProfiles(s, profileId ? [profileId] : [])
    await s?.close()
  })

  const themeSwitch = () => s.page.getByTestId('theme-switch')

  it('saves the theme switch in Go: dark survives a reload, system follows the OS again', async () => {
    const { page } = s
    await page.emulateMedia({ colorScheme: 'light' })
    expect(await themeSwitch().inputValue()).toBe('system')
    expect(await bodyBg(page)).toBe(BG.light)
    await themeSwitch().selectOption('dark')
    await expect.poll(() => bodyBg(page)).toBe(BG.dark)
    await reloadApp(s)
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await themeSwitch().inputValue()).toBe('dark')
    expect(await bodyBg(page)).toBe(BG.dark)
    // The option names come from the catalog, in the run's language.
    expect(await themeSwitch().locator('option').allInnerTexts()).toEqual(
      ['system', 'light', 'dark'].map((t) => word(`settings.theme.names.${t}`)))
    // A manual light wins over a dark OS; system follows the OS.
    await page.emulateMedia({ colorScheme: 'dark' })
    await themeSwitch().selectOption('light')
    await expect.poll(() => bodyBg(page)).toBe(BG.light)
    await themeSwitch().selectOption('system')
    await expect.poll(() => bodyBg(page)).toBe(BG.dark)
    await reloadApp(s)
    expect(await themeSwitch().inputValue()).toBe('system')
    await page.emulateMedia({ colorScheme: 'light' })
    expect(await bodyBg(page)).toBe(BG.light)
  })

  it('shows the focus ring on the profile selector and the stats checkbox when reached with Tab', async () => {
    const { page } = s
    await page.waitForSelector('[data-testid="db-stats-toggle"]')
    for (const sel of ['#profile-switcher', '[data-testid="db-stats-toggle"]', '[data-testid="theme-switch"]']) {
      await tabTo(page, sel)
      const o = await outline(page)
      expect(o.visible, sel).toBe(true)
      expect(o.style, sel).toBe('solid')
      expect(o.width, sel).toBeGreaterThanOrEqual(2)
    }
  })

  it('keeps every secrets input at least 120 px wide from 760 to 1920 px', async () => {
    const { page } = s
    await page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
    await page.waitForSelector('[data-secret] input')
    for (const width of [760, 900, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 })
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll('[data-secret]')].map((row) => {
          const r = (el: Element | null) => el?.getBoundingClientRect()
          const input = r(row.querySelector('input'))!
          const panel = r(row.closest('fieldset'))!
          const save = r(row.querySelector('button:not(.danger)'))!
          return { input: input.width, left: input.left, right: input.right, save: save.left,
            inside: input.left >= panel.left - 0.5 && input.right <= panel.right + 0.5 }
        }))
      expect(boxes.length, `${width}px`).toBeGreaterThan(0)
      for (const b of boxes) {
        expect(b.input, `${width}px`).toBeGreaterThanOrEqual(120)
        expect(b.inside, `${width}px`).toBe(true)
        // Rows line up, with or without a clear button (a saved and a missing secret).
        for (const k of ['left', 'right', 'save'] as const) expect(Math.abs(b[k] - boxes[0][k]), `${width}px ${k}`).toBeLessThanOrEqual(1)
      }
      // The form's labels (variable names like NEXT_PUBLIC_PUSHER_CLUSTER) stay on one line.
      const broken = await page.evaluate(() =>
        [...document.querySelectorAll('label.field > span:first-child')].filter((el) => {
          const st = getComputedStyle(el)
          return el.getBoundingClientRect().height > parseFloat(st.lineHeight) * 1.5
        }).map((el) => el.textContent))
      expect(broken, `${width}px`).toEqual([])
      // The page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${width}px`).toBe(true)
    }
    await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
  })

  it('keeps the profile list\'s environment pill on one line beside a long name', async () => {
    const { page } = s
    const longName = 'متجر التجزئة الرئيسي للإنتاج في الرياض وجدة والدمام'
    const other = await page.evaluate(async (name) => {
      type Bound = Record<string, (...a: unknown[]) => Promise<{ ok: boolean; profile?: { id: string } }>>
      const app = (window as unknown as { go: { main: { App: Bound } } }).go.main.App
      const saved = await app.SaveProfile({
        id: '', name, kind: 'production', siteUrl: '', instanceUrls: [], actor: '', dbPlan: '',
        pusher: { appId: '', key: '', cluster: '', publicKey: '', publicCluster: '', host: '', insecure: false },
        atlas: { groupId: '', clusterName: '' }, revalidation: { tags: [], paths: [], cooldownSeconds: 10 },
        features: { dbStats: false, atlasLookup: false, verifyPaths: false }, savedSecrets: [],
      })
      if (!saved.ok || !saved.profile) throw new Error('profile not saved')
      return saved.profile.id
    }, longName)
    try {
      await reloadApp(s)
      await page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
      for (const width of [760, 900, 1280]) {
        await page.setViewportSize({ width, height: 900 })
        const pill = await page.locator('aside li button', { hasText: longName }).locator('.badge').evaluate((el) => {
          const r = el.getBoundingClientRect()
          return { w: r.width, h: r.height, line: parseFloat(getComputedStyle(el).lineHeight) }
        })
        expect(pill.h, `${width}px: one line`).toBeLessThan(pill.line * 1.6)
        expect(pill.w, `${width}px: wider than tall`).toBeGreaterThan(pill.h * 1.5)
      }
      await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    } finally {
      await deleteProfiles(s, [other])
      await page.evaluate((id) => (window as unknown as { go: { main: { App: { SelectProfile: (id: string) => Promise<unknown> } } } }).go.main.App.SelectProfile(id), profileId)
      await reloadApp(s)
    }
  })

  it('leaves no card alone on a row: the five cards, and four', async () => {
    const { page } = s
    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.waitForSelector('main .grid > *')
    expect(await rows(page), 'five cards at 1920 px').toEqual([5])
    // Narrower: 3 + 2 while three fit, then pairs (the odd last card takes the whole row, under 1200 px only).
    for (const [width, want] of [[1280, [3, 2]], [1600, [3, 2]], [760, [2, 2, 1]]] as const) {
      await page.setViewportSize({ width, height: 900 })
      expect(await rows(page), `${width}px`).toEqual(want)
    }
    const last = await page.evaluate(() => {
      const g = document.querySelector('main .grid')!.getBoundingClientRect()
      const c = document.querySelector('main .grid')!.lastElementChild!.getBoundingClientRect()
      return Math.round(c.width) === Math.round(g.width)
    })
    expect(last, 'the odd last card spans the row').toBe(true)
    // Four cards (one removed, so the grid's own rule is what is measured): one row, then 2 + 2.
    await page.evaluate(() => document.querySelector('main .grid')!.lastElementChild!.remove())
    try {
      await page.setViewportSize({ width: 1920, height: 1080 })
      expect(await rows(page), 'four cards at 1920 px').toEqual([4])
      await page.setViewportSize({ width: 1280, height: 900 })
      expect(await rows(page), 'four cards at 1280 px').toEqual([2, 2])
    } finally {
      await reloadApp(s)
    }
  })

  const dir = process.env.SIYANA_SCREENS_DIR
  it.runIf(!!dir)('writes the screenshots of the docs', { timeout: 180_000 }, async () => {
    const { page } = s
    mkdirSync(dir!, { recursive: true })
    await reloadApp(s)
    await page.setViewportSize({ width: 1280, height: 900 })
    // Real results on every card: a revalidation of the tags against the fixture site (a row in the run
    // log), then check all against the peers.
    const reval = page.locator('[data-card="revalidate"]')
    await reval.getByRole('button', { name: word('revalidate.actions.tags') }).click()
    await expect.poll(() => reval.locator('[data-testid="revalidate-log"] tr[data-run]').count(), { timeout: 60_000 }).toBeGreaterThan(0)
    await page.getByTestId('check-all').click()
    await expect.poll(() => page.getByTestId('check-all').isEnabled(), { timeout: 60_000 }).toBe(true)
    for (const theme of ['light', 'dark'] as const) {
      await themeSwitch().selectOption(theme)
      for (const width of [760, 1280, 1920]) {
        await page.setViewportSize({ width, height: width === 760 ? 900 : 1080 })
        await page.evaluate(() => document.fonts.ready)
        await page.screenshot({ path: join(dir!, `dashboard-${width}-${theme}.png`), fullPage: true })
      }
      await page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
      await page.waitForSelector('[data-secret] input')
      for (const width of [760, 1920]) {
        await page.setViewportSize({ width, height: 1080 })
        await page.evaluate(() => document.fonts.ready)
        await page.screenshot({ path: join(dir!, `settings-${width}-${theme}.png`), fullPage: true })
      }
      await page.getByRole('button', { name: word('common.nav.home'), exact: true }).click()
    }
  })
})
