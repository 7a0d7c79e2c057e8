// Update notice E2E against the dev bridge (real Go) and a loopback releases feed: off by default and then
// no request reaches the feed; a bad URL is refused in the form; turned on, the banner shows the newer
// version and its notes as text (markup in the feed stays text); turned off again, it goes away.
// scripts/test.sh builds the bridge with a release version (v0.0.1+e2e, not a pre-release) so there is something to compare.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { openApp, reloadApp, type Session } from './browser'
import { plain, word } from './words'

const hostileNotes = '<img src=x onerror="window.__pwned=1"> - faster checks\n- <b>Arabic</b> plurals'

describe('update notice', () => {
  let s: Session
  let feed: Server
  let feedURL = ''
  let hits = 0

  beforeAll(async () => {
    feed = createServer((_req, res) => {
      hits++
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify([
        { tag_name: 'v0.1.0', name: 'Siyana 0.1', body: hostileNotes, html_url: 'https://example.com/releases/v0.1.0' },
        { tag_name: 'v0.2.0-rc.1', prerelease: true, body: 'rc' },
      ]))
    })
    await new Promise<void>((res) => feed.listen(0, '127.0.0.1', () => res()))
    feedURL = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/releases`
    s = await openApp()
  })
  afterAll(async () => {
    await s?.close()
    await new Promise((res) => feed?.close(res))
  })

  const panel = () => s.page.getByTestId('updates-panel')

  it('is off by default and asks nothing', async () => {
    await s.page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
    await panel().waitFor()
    expect(await s.page.getByTestId('update-enabled').isChecked()).toBe(false)
    await reloadApp(s)
    await s.page.waitForTimeout(500)
    expect(hits).toBe(0)
    expect(await s.page.getByTestId('update-banner').count()).toBe(0)
  })

  it('refuses plain http to another host and changes nothing', async () => {
    await s.page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
    await s.page.getByTestId('update-enabled').check()
    await s.page.getByTestId('update-feed').fill('http://releases.example.com/feed')
    await s.page.getByTestId('update-save').click()
    await expect.poll(() => panel().getByRole('alert').innerText().then(plain)).toContain('https://')
    expect(hits).toBe(0)
  })

  it('turned on, shows the newer version and its notes as text', async () => {
    await s.page.getByTestId('update-feed').fill(feedURL)
    await s.page.getByTestId('update-save').click()
    const banner = s.page.getByTestId('update-banner')
    await banner.waitFor()
    expect(hits).toBe(1)
    expect(await s.page.getByTestId('update-version').innerText().then(plain)).toBe('v0.1.0') // the rc is not offered
    await banner.locator('summary').click()
    expect(await s.page.getByTestId('update-notes').innerText().then(plain)).toBe(hostileNotes)
    expect(await banner.locator('img, b').count()).toBe(0)
    expect(await s.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await s.page.getByTestId('update-open').isVisible()).toBe(true) // not clicked: it opens the system browser
    if (process.env.SIYANA_UPDATE_SHOT) await s.page.screenshot({ path: process.env.SIYANA_UPDATE_SHOT })

    // A restart the same day answers from the stored check.
    await reloadApp(s)
    await s.page.getByTestId('update-banner').waitFor()
    expect(hits).toBe(1)
  })

  it('turned off again, the banner goes and nothing is asked', async () => {
    await s.page.getByRole('button', { name: word('common.nav.settings'), exact: true }).click()
    await s.page.getByTestId('update-enabled').uncheck()
    await s.page.getByTestId('update-save').click()
    await expect.poll(() => s.page.getByTestId('update-banner').count()).toBe(0)
    await reloadApp(s)
    await s.page.waitForTimeout(500)
    expect(await s.page.getByTestId('update-banner').count()).toBe(0)
    expect(hits).toBe(1)
  })
})
