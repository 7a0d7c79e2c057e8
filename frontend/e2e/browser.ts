// Shared E2E helpers: a headless Debian Chromium driven by playwright-core, and a recorder of every frame
// the Go side sends over the bridge (binding responses and events), to prove no secret reaches the page.
import { chromium, type Browser, type Page } from 'playwright-core'
import { inject } from 'vitest'
import { LANG } from './words'

/** Bridge is the Wails bindings as a page sees them (window.go). */
export type Bridge = { go: { main: { App: Record<string, (...args: unknown[]) => Promise<any>> } } }

export interface Session {
  browser: Browser
  page: Page
  received: string[]
  close: () => Promise<void>
}

export async function openApp(): Promise<Session> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
  const page = await browser.newPage({ locale: LANG, viewport: { width: 1280, height: 900 } })
  const received: string[] = []
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))))
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await page.goto(inject('bridgeURL'))
  await waitBridge(page)
  await useLanguage(page)
  return {
    browser,
    page,
    received,
    close: async () => {
      await browser.close()
      if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`)
    },
  }
}

/** assertNowhere fails when value appears in the DOM or in any frame received from Go. */
export async function assertNowhere(s: Session, value: string): Promise<void> {
  const html = await s.page.content()
  const text = await s.page.evaluate(() => document.body.innerText)
  const inputs = await s.page.evaluate(() => Array.from(document.querySelectorAll('input,textarea')).map((e) => (e as HTMLInputElement).value).join('\n'))
  for (const [where, hay] of [['DOM', html], ['text', text], ['inputs', inputs], ['bridge frames', s.received.join('\n')]] as const) {
    if (hay.includes(value)) throw new Error(`secret value found in ${where}`)
  }
}

/** useLanguage switches the app to the run's language through its own setting (saved by Go), reloads, and
 * waits until the document speaks it. */
export async function useLanguage(page: Page): Promise<void> {
  const res = await page.evaluate(async (l) => {
    type L = { SetLanguage: (l: string) => Promise<{ ok: boolean; language: string }> }
    return (window as unknown as { go: { main: { App: L } } }).go.main.App.SetLanguage(l)
  }, LANG)
  if (!res.ok || res.language !== LANG) throw new Error(`SetLanguage(${LANG}): ${JSON.stringify(res)}`)
  await page.reload()
  await waitBridge(page)
  await page.waitForFunction((l) => document.documentElement.lang === l && document.querySelector('header') !== null, LANG)
  const dir = await page.evaluate(() => document.documentElement.dir)
  if (dir !== (LANG === 'ar' ? 'rtl' : 'ltr')) throw new Error(`dir ${dir} for ${LANG}`)
}

/** waitBridge waits until the Wails runtime has bound the Go methods on the page. */
export async function waitBridge(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { go?: unknown }).go !== undefined)
}

/** reloadApp reloads the page (the stores start afresh from Go) and waits for the bridge. */
export async function reloadApp(s: Session): Promise<void> {
  await s.page.reload()
  await waitBridge(s.page)
}

/**
 * deleteProfiles removes the profiles a spec created (and their secrets). The specs share one bridge and
 * profile store: each leaves it as it found it, so the next spec does not start on another's profile.
 */
export async function deleteProfiles(s: Session | undefined, ids: string[]): Promise<void> {
  if (!s || !ids.length) return
  await s.page.evaluate(async (ids) => {
    type Del = { DeleteProfile: (id: string, force: boolean) => Promise<unknown> }
    const app = (window as unknown as { go: { main: { App: Del } } }).go.main.App
    for (const id of ids) await app.DeleteProfile(id, true)
  }, ids)
}

/**
 * databaseProfile is the setup of the database specs, through the bindings to save time (every assertion
 * goes through the UI): a staging profile named name with uri as its DATABASE_URL, selected; its id.
 */
export async function databaseProfile(s: Session, name: string, uri: string, opts: { dbPlan: string, atlasLookup: boolean }): Promise<string> {
  return s.page.evaluate(async ({ name, uri, opts }) => {
    const App = (window as unknown as Bridge).go.main.App
    const saved = await App.SaveProfile({
      id: '', name, kind: 'staging', siteUrl: 'https://shop.example.com', instanceUrls: [],
      actor: '', dbPlan: opts.dbPlan,
      pusher: { appId: '', key: '', cluster: '', publicKey: '', publicCluster: '', host: '', insecure: false },
      atlas: { groupId: '', clusterName: '' },
      revalidation: { tags: ['products'], paths: ['/'], cooldownSeconds: 10 },
      features: { dbStats: false, atlasLookup: opts.atlasLookup, verifyPaths: true },
      savedSecrets: [],
    })
    if (!saved.ok) throw new Error(`save profile: ${saved.code}`)
    const id = saved.profile.id as string
    const set = await App.SetSecret(id, 'DATABASE_URL', uri)
    if (!set.ok) throw new Error(`set secret: ${set.code}`)
    await App.SelectProfile(id)
    return id
  }, { name, uri, opts })
}

/** Site is the fixture Next.js site the peers set up (scripts/test.sh: SIYANA_PEERS_BINARY). */
export interface Site {
  url: string
  secret: string
  dataFile: string
}

/** fixtureSite is the running fixture site; it throws (the spec fails) when there is none. */
export function fixtureSite(): Site {
  const site = (inject('peers') as { site?: Site }).site
  if (!site?.url) throw new Error('the fixture site is not running: set SIYANA_PEERS_BINARY')
  return site
}

/**
 * siteProfile is the setup of the specs that talk to the fixture site, through the bindings (every assertion
 * goes through the UI): a profile of kind named name on url with secret as its REVALIDATE_SECRET; its id.
 */
export async function siteProfile(s: Session, p: { name: string, kind: string, url: string, secret: string, verifyPaths: boolean }): Promise<string> {
  return s.page.evaluate(async ({ name, kind, url, secret, verifyPaths }) => {
    const App = (window as unknown as Bridge).go.main.App
    const res = await App.SaveProfile({
      id: '', name, kind, siteUrl: url, instanceUrls: [], actor: 'e2e-admin', dbPlan: '',
      pusher: { appId: '', key: '', cluster: '', publicKey: '', publicCluster: '' },
      atlas: { groupId: '', clusterName: '' },
      revalidation: { tags: null, paths: null, cooldownSeconds: 3 },
      features: { dbStats: false, atlasLookup: false, verifyPaths },
      savedSecrets: [],
    })
    if (!res.ok) throw new Error(JSON.stringify(res))
    const sec = await App.SetSecret(res.profile.id, 'REVALIDATE_SECRET', secret)
    if (!sec.ok) throw new Error(sec.code)
    return res.profile.id as string
  }, p)
}

/** appDialog is the in-app dialog (components/ConfirmDialog.svelte) while a question is open. */
export function appDialog(page: Page) {
  return page.locator('dialog[data-testid="dialog"][open]')
}

/** focusedChoice is the data-choice of the focused element (undefined when the focus is not on a dialog button). */
export async function focusedChoice(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.choice)
}
