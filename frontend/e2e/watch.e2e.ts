// Watch E2E against FerretDB through the dev bridge (real scheduler, real SQLite history): watching is turned
// on for the database in Settings at Go's minimum interval (a refused interval first shows Go's reason beside
// the field); samples arrive and the database card's strip shows the uptime and a sparkline drawn from them;
// FerretDB is then stopped (SIGSTOP to its process group: the peer stays, the specs after this one get it
// back with SIGCONT) and an incident opens with its code; resumed, it closes with a duration. The history
// view zooms (+, drag) and exports CSV and JSON through Go's save dialog (the fake one writes into
// dialogDir) with no secret in them. SIYANA_WATCH_SHOT=<png> saves the card as a screenshot,
// SIYANA_WATCH_SETTINGS_SHOT=<png> the settings panel with a refused field.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { assertNowhere, databaseProfile, deleteProfiles, openApp, reloadApp, type Session } from './browser'
import { plain, word } from './words'

interface MongoPeer {
  uri: string
  pid: number
}

const mongo = (inject('peers') as { mongo?: MongoPeer }).mongo
const password = mongo ? decodeURIComponent(new URL(mongo.uri).password) : ''
const dialogDir = inject('dialogDir') as string
const name = 'مراقبة القاعدة'
/** figure is a shown percentage without its direction marks: "100%". */
const figure = (s: string) => plain(s).replace(/[\u200e\u200f\u061c\s]/g, '')

describe('watch strip and history', () => {
  let s: Session
  let profileId = ''
  let paused = false

  const signal = (sig: NodeJS.Signals) => process.kill(-mongo!.pid, sig)

  beforeAll(async () => {
    if (!mongo?.pid) throw new Error('the peers did not include mongo with its pid (set SIYANA_PEERS_BINARY and build FerretDB)')
    s = await openApp()
    profileId = await databaseProfile(s, name, mongo.uri, { dbPlan: '', atlasLookup: false })
    await reloadApp(s)
  })

  afterAll(async () => {
    if (paused) signal('SIGCONT')
    // Deleting the profile stops its watch and drops its history (Go's forgetWatch).
    await deleteProfiles(s, profileId ? [profileId] : [])
    await s?.close()
  })

  const nav = (key: string) => s.page.getByRole('button', { name: word(key), exact: true })
  const card = () => s.page.locator('[data-card="database"]')
  const strip = () => card().getByTestId('watch-strip')
  const samples = async () => Number((await strip().getByTestId('watch-uptime-h24').getAttribute('data-samples')) ?? 0)

  it('watches the database: uptime and sparkline from real samples, an incident while FerretDB is stopped', { timeout: 300_000 }, async () => {
    const { page } = s
    // Not watched and nothing kept: one muted line, no empty figures.
    await expect.poll(() => strip().getByTestId('watch-schedule').innerText().then(plain)).toBe(plain(word('watchui.notWatched')))
    expect(await strip().getByTestId('watch-uptime').count()).toBe(0)

    await nav('common.nav.settings').click()
    await page.locator('.settings aside li button', { hasText: name }).click()
    const row = page.locator('[data-testid="watch-row"][data-check="database"]')
    await row.waitFor()
    const min = Number(await row.getByTestId('watch-interval').getAttribute('min'))
    expect(min).toBeGreaterThan(0)

    // A refused interval: Go's field reason beside the field, nothing watched.
    await row.getByTestId('watch-enabled').check()
    await row.getByTestId('watch-interval').fill(String(min - 1))
    await page.getByTestId('watch-save').click()
    await expect.poll(() => row.getByTestId('watch-interval-error').innerText().then(plain)).toBe(word('field.watchInterval'))
    expect(await row.getByTestId('watch-interval').getAttribute('aria-invalid')).toBe('true')
    if (process.env.SIYANA_WATCH_SETTINGS_SHOT) await page.getByTestId('watch-settings').screenshot({ path: process.env.SIYANA_WATCH_SETTINGS_SHOT })

    await row.getByTestId('watch-interval').fill(String(min))
    await page.getByTestId('watch-save').click()
    await expect.poll(() => page.getByTestId('watch-settings-status').innerText().then(plain)).toBe(word('watchui.settings.saved'))
    expect(await row.getByTestId('watch-interval-error').count()).toBe(0)

    await nav('common.nav.home').click()
    await expect.poll(() => strip().getAttribute('data-watched')).toBe('true')
    // Two scheduled runs at the minimum interval (plus jitter), read by the strip's poll.
    await expect.poll(samples, { timeout: 90_000, interval: 1000 }).toBeGreaterThanOrEqual(2)
    expect(await strip().getAttribute('data-watch-state')).toBe('up')
    expect(figure(await strip().getByTestId('watch-uptime-h24').innerText())).toBe('100%')
    const spark = strip().getByTestId('watch-sparkline')
    expect(Number(await spark.getAttribute('data-points'))).toBeGreaterThanOrEqual(1)
    expect(await spark.getAttribute('aria-label')).toContain(plain(word('watch.check.database')))
    // The drawn line: finite coordinates inside the box.
    const d = (await spark.getByTestId('watch-sparkline-line').getAttribute('d')) ?? ''
    expect(d).toMatch(/^M\d/)
    expect(d).not.toMatch(/NaN|Infinity/)
    expect(await strip().getByTestId('watch-incident').count()).toBe(0)

    // FerretDB stops answering: after the failures Go counts (2 by default) an incident opens.
    signal('SIGSTOP')
    paused = true
    const incident = strip().getByTestId('watch-incident').first()
    await incident.waitFor({ timeout: 120_000 })
    expect(await incident.getAttribute('data-open')).toBe('true')
    await expect.poll(() => strip().getAttribute('data-watch-state'), { timeout: 30_000 }).toBe('down')
    const code = (await incident.getAttribute('data-code')) ?? ''
    expect(code).toMatch(/^[A-Z_]+$/)
    expect(await incident.getByTestId('error-code').getAttribute('data-code')).toBe(code)
    expect(plain(await incident.locator('[data-incident="ended"]').innerText())).toBe(word('watchui.incidents.ongoing'))

    // Back: the incident closes with its duration, the check is up again.
    signal('SIGCONT')
    paused = false
    await expect.poll(() => incident.getAttribute('data-open'), { timeout: 90_000, interval: 1000 }).toBe('false')
    expect(await strip().getAttribute('data-watch-state')).toBe('up')
    expect(plain(await incident.locator('[data-incident="duration"]').innerText())).toMatch(/\d/)
    expect(Number(await strip().getByTestId('watch-uptime-h24').getAttribute('data-samples'))).toBeGreaterThan(2)
    expect(figure(await strip().getByTestId('watch-uptime-h24').innerText())).toMatch(/^\d{1,2}(\.\d+)?%$/)
    // A manual check joins the history at once: the strip counts it without waiting for the poll.
    const before = await samples()
    await card().getByTestId('db-check').click()
    await expect.poll(samples, { timeout: 8_000 }).toBeGreaterThan(before)

    await assertNowhere(s, password)
  })

  it('opens the history: zooms with + and a drag, exports CSV and JSON without a secret', async () => {
    const { page } = s
    await strip().getByTestId('watch-history-toggle').click()
    const view = strip().getByTestId('watch-history')
    const chart = view.getByTestId('history-chart')
    await chart.waitFor()
    // 24 h: Go's 5-minute buckets (the samples of this spec fall in one or two).
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(1)
    expect(await view.getByTestId('history-range-h24').getAttribute('aria-pressed')).toBe('true')

    // + twice: 6 h ending now, drawn from the raw samples, one point per run.
    const range = () => view.getByTestId('history-range').innerText().then(plain)
    const full = await range()
    await view.getByTestId('history-zoom-in').click()
    await expect.poll(range).not.toBe(full)
    expect(await view.getByTestId('history-range-h24').getAttribute('aria-pressed')).toBe('false')
    await view.getByTestId('history-zoom-in').click()
    await expect.poll(() => chart.getAttribute('data-points')).toMatch(/^([4-9]|\d\d+)$/)
    // + down to the narrowest span (the button then turns off): the last minutes, every run of this spec in it.
    const zoomIn = view.getByTestId('history-zoom-in')
    for (let i = 0; i < 12 && (await zoomIn.isEnabled()); i++) {
      const was = await range()
      await zoomIn.click()
      await expect.poll(range).not.toBe(was)
    }
    expect(await zoomIn.isEnabled()).toBe(false)
    await expect.poll(() => chart.getAttribute('data-points')).toMatch(/^([4-9]|\d\d+)$/)
    // The screenshot: the card's strip (uptime, sparkline, the incident) and its history zoomed in.
    if (process.env.SIYANA_WATCH_SHOT) await card().screenshot({ path: process.env.SIYANA_WATCH_SHOT })

    // Drag across the right-hand part of the chart (time runs left to right in both languages): the span
    // selected becomes the range, and the history is asked for it.
    await view.getByTestId('history-range-h24').click()
    await expect.poll(() => view.getByTestId('history-range-h24').getAttribute('aria-pressed')).toBe('true')
    const box = (await chart.boundingBox())!
    const before = await range()
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 4 })
    await page.mouse.up()
    await expect.poll(range).not.toBe(before)

    await view.getByTestId('history-export-csv').click()
    await expect.poll(() => view.getByTestId('history-exported').getAttribute('class')).toContain('ok')
    const csv = readFileSync(join(dialogDir, 'saved', 'siyana-database-history.csv'), 'utf8')
    expect(csv.split('\n').filter(Boolean).length).toBeGreaterThan(4)
    await view.getByTestId('history-export-json').click()
    await expect.poll(() => view.getByTestId('history-exported').innerText().then(plain)).toContain('siyana-database-history.json')
    const json = JSON.parse(readFileSync(join(dialogDir, 'saved', 'siyana-database-history.json'), 'utf8'))
    expect(json.check).toBe('database')
    expect(json.rows.length).toBeGreaterThan(4)
    expect(json.incidents.length).toBeGreaterThanOrEqual(1)
    for (const text of [csv, JSON.stringify(json)]) expect(text).not.toContain(password)
    await assertNowhere(s, password)
  })
})
