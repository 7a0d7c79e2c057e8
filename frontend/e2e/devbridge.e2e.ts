// Dev bridge E2E: a web page from another loopback origin (what any site open in the admin's browser can be)
// tries the bridge's websocket and is refused before any Go method runs; the app's own page still works.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { chromium, type Browser } from 'playwright-core'
import { createServer, type Server } from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openApp, reloadApp, deleteProfiles, type Session } from './browser'
import { plain } from './words'

const marker = 'attack-marker-e2e-51b0'

interface Attempt {
  opened: boolean
  messages: string[]
  closeCode: number | null
}

/** hostilePage opens the bridge's IPC websocket and, if it ever opens, does what an attacker would. */
function hostilePage(wsURL: string): string {
  const call = (name: string, args: unknown[], id: string) =>
    'C' + JSON.stringify({ name: `main.App.${name}`, args, callbackID: id })
  const save = call('SaveProfile', [{ name: marker, kind: 'staging', siteUrl: 'https://evil.example' }], 'a1')
  const list = call('ListProfiles', [], 'a2')
  return `<!doctype html><meta charset="utf-8"><title>not the app</title><script>
  window.attempt = { opened: false, messages: [], closeCode: null }
  const ws = new WebSocket(${JSON.stringify(wsURL)})
  ws.onopen = () => { attempt.opened = true; ws.send(${JSON.stringify(save)}); ws.send(${JSON.stringify(list)}) }
  ws.onmessage = (e) => { attempt.messages.push(String(e.data)); if (attempt.messages.length >= 2) ws.close() }
  ws.onclose = (e) => { attempt.closeCode = e.code }
  </script>`
}

describe('dev bridge', () => {
  let server: Server
  let hostileURL = ''
  let browser: Browser
  let s: Session | undefined
  const ids: string[] = []

  beforeAll(async () => {
    const bridge = new URL(inject('bridgeURL'))
    const html = hostilePage(`ws://${bridge.host}/wails/ipc`)
    server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(html)
    })
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res))
    const port = (server.address() as { port: number }).port
    hostileURL = `http://127.0.0.1:${port}/`
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
  })
  afterAll(async () => {
    await deleteProfiles(s, ids)
    await s?.close()
    await browser?.close()
    await new Promise((res) => server?.close(res))
  })

  it('refuses the websocket of a page from another origin, and nothing runs in Go', async () => {
    const page = await browser.newPage()
    const handshakes: string[] = []
    page.on('websocket', (ws) => {
      handshakes.push(ws.url())
      ws.on('framereceived', (f) => handshakes.push(`frame ${String(f.payload).slice(0, 40)}`))
    })
    await page.goto(hostileURL)
    await page.waitForFunction(() => (window as unknown as { attempt: Attempt }).attempt.closeCode !== null, null, { timeout: 10_000 })
    const attempt = await page.evaluate(() => (window as unknown as { attempt: Attempt }).attempt)
    expect(attempt.opened).toBe(false)
    expect(attempt.messages).toEqual([])
    expect(attempt.closeCode).toBe(1006) // the handshake failed (403); it never opened
    expect(handshakes.filter((h) => h.startsWith('frame'))).toEqual([])
    await page.close()

    const profiles = join(inject('configDir'), 'profiles.json')
    if (existsSync(profiles)) expect(readFileSync(profiles, 'utf8')).not.toContain(marker)
  })

  it("still serves the app's own page, which lists profiles", async () => {
    s = await openApp()
    const id = await s.page.evaluate(async () => {
      type Save = (p: unknown) => Promise<{ ok: boolean; profile: { id: string } }>
      const app = (window as unknown as { go: { main: { App: { SaveProfile: Save } } } }).go.main.App
      const r = await app.SaveProfile({ name: 'صفحة التطبيق', kind: 'staging', siteUrl: 'https://shop.example.com' })
      if (!r.ok) throw new Error('SaveProfile failed')
      return r.profile.id
    })
    ids.push(id)
    await reloadApp(s)
    await expect.poll(() => s!.page.locator('#profile-switcher option').allInnerTexts().then((a) => a.map(plain))).toContain('صفحة التطبيق')
    expect(s.received.length).toBeGreaterThan(0) // its websocket carried the answers
  })
})
