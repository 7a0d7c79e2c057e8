// A DATABASE_URL pasted with its password as it is ("?" unencoded): the card says INVALID_URI and names the
// character to encode, and no piece of the user or password reaches the page or the frames Go sends back.
// Before the strict parser the host shown (and kept in last-results.json) was "siteuser:<start of password>".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApp, assertNowhere, type Session, reloadApp, deleteProfiles, databaseProfile } from './browser'
import { LANG, plain } from './words'

const user = 'siteuser'
const password = 'Zq9?secret-tail-77'
// 127.0.0.1:1 is never dialled: the URI is refused before any lookup or connection.
const uri = `mongodb://${user}:${password}@127.0.0.1:1/shopdb?authSource=admin`

describe('database URI with an unencoded password', () => {
  let s: Session
  let profileId = ''

  beforeAll(async () => {
    s = await openApp()
    profileId = await databaseProfile(s, 'رابط غير مرمّز', uri, { dbPlan: '', atlasLookup: false })
    await reloadApp(s)
  })

  afterAll(async () => {
    await deleteProfiles(s, profileId ? [profileId] : [])
    await s?.close()
  })

  it('shows INVALID_URI with a hint naming «?», and no piece of the credentials anywhere', async () => {
    const card = s.page.locator('[data-card="database"]')
    await card.getByTestId('db-check').click()
    await expect.poll(() => card.locator('[data-state]').getAttribute('data-state')).toBe('error')
    expect(await card.getByTestId('db-code').getAttribute('data-code')).toBe('INVALID_URI')
    const hint = await card.getByTestId('db-hint').innerText().then(plain)
    // The hint names the character and its encoding (catalog database.whyHint.<reason>, params char and enc).
    expect(await card.getByTestId('db-hint').getAttribute('data-reason')).toMatch(/^uri/)
    expect(hint).toContain(LANG === 'ar' ? '«?»' : '"?"')
    expect(hint).toContain('%3F')
    for (const piece of [password, `${user}:`, 'Zq9', 'secret-t', 'ret-tail', encodeURIComponent(password)]) {
      await assertNowhere(s, piece)
    }
  })
})
