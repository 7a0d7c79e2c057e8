// The settings form as an admin meets it: each refused field says what is expected beside it, the focus goes
// to the first one and each error leaves as soon as Go accepts the field; a .env import shows what it will
// change (names only for secrets) and applies only on confirmation; the DATABASE_URL editor shows the parts
// that are not secret and replaces the password alone — which never reaches the page.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openApp, assertNowhere, reloadApp, deleteProfiles, databaseProfile, type Bridge, type Session } from './browser'
import { LANG, fill, plain, word } from './words'

type MongoPeer = { uri: string; uriWrongPassword: string; host: string }
const mongo = (inject('peers') as { mongo?: MongoPeer }).mongo
const password = mongo ? decodeURIComponent(new URL(mongo.uri).password) : ''
const wrongPassword = mongo ? decodeURIComponent(new URL(mongo.uriWrongPassword).password) : ''
const shots = process.env.SIYANA_FORMS_SHOTS // a directory: the preview and the editor are saved there

describe('settings form', () => {
  let s: Session
  const created: string[] = []

  beforeAll(async () => {
    if (!mongo) throw new Error('the peers did not include mongo (set SIYANA_PEERS_BINARY and build FerretDB)')
    s = await openApp()
  })
  afterAll(async () => {
    await deleteProfiles(s, created)
    await s?.close()
  })

  const nav = (key: string) => s.page.getByRole('button', { name: word(key), exact: true })
  const inList = (name: string) => s.page.locator('.settings aside li button', { hasText: name })
  const errorOf = (key: string) => s.page.locator(`label:has([data-field="${key}"]) [data-error-for="${key}"]`)
  const focused = () => s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.field)

  async function openSettingsOn(name: string) {
    await reloadApp(s)
    await nav('common.nav.settings').click()
    await inList(name).click()
    await expect.poll(() => s.page.locator('[data-field="name"]').inputValue()).toBe(name)
  }

  it('says beside each field what is expected, focuses the first and clears each once it is valid', async () => {
    const { page } = s
    await nav('common.nav.settings').click()
    await page.getByTestId('new-profile').click()
    await page.locator('[data-field="name"]').fill('')
    await page.locator('[data-field="siteUrl"]').fill('not a url')
    await page.locator('[data-field="pusher.appId"]').fill('abc')
    await page.locator('[data-field="revalidation.paths"]').fill('dashboard')
    await page.getByTestId('save-profile').click()

    // Beside the field (inside its label), in the words of its code; the summary points up at them.
    await expect.poll(() => errorOf('name').innerText().then(plain)).toBe(word('field.required'))
    expect(await errorOf('kind').innerText().then(plain)).toBe(word('field.kindRequired'))
    expect(await errorOf('siteUrl').innerText().then(plain)).toBe(word('field.urlNoScheme'))
    expect(await errorOf('pusher.appId').getAttribute('data-code')).toBe('pusherAppId')
    expect(await errorOf('revalidation.paths').innerText().then(plain)).toBe(fill('field.item', { item: 1, text: word('field.pathSlash') }))
    expect(await page.getByTestId('settings-status').innerText().then(plain)).toContain(word('forms.errorsAbove'))
    expect(await page.locator('[data-testid="settings-status"] [data-testid="error-code"]').getAttribute('data-code')).toBe('INVALID_INPUT')
    // The focus is on the first refused field, in the form's order.
    await expect.poll(focused).toBe('name')
    if (shots) await page.locator('.editor').screenshot({ path: join(shots, `forms-field-errors-${LANG}.png`) })

    // "http://x y" is a space in the host, not a port.
    await page.locator('[data-field="siteUrl"]').fill('http://x y')
    await expect.poll(() => errorOf('siteUrl').getAttribute('data-code')).toBe('hostSpaces')

    // Each error leaves as its field becomes valid (Go is asked), the others stay.
    await page.locator('[data-field="name"]').fill('نموذج التحقق')
    await expect.poll(() => errorOf('name').count()).toBe(0)
    expect(await errorOf('siteUrl').count()).toBe(1)
    await page.locator('[data-field="siteUrl"]').fill('https://shop.example.com')
    await expect.poll(() => errorOf('siteUrl').count()).toBe(0)
    await page.locator('[data-field="pusher.appId"]').fill('1234567')
    await expect.poll(() => errorOf('pusher.appId').count()).toBe(0)
    await page.locator('[data-field="kind"]').selectOption('staging')
    await expect.poll(() => errorOf('kind').count()).toBe(0)
    await page.locator('[data-field="revalidation.paths"]').fill('/dashboard')
    await expect.poll(() => errorOf('revalidation.paths').count()).toBe(0)
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0)

    // The cluster comes from Pusher's list (no free text) unless the server is self-hosted.
    const clusters = await page.locator('select[data-field="pusher.cluster"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
    expect(clusters).toEqual(['', 'mt1', 'us2', 'us3', 'eu', 'ap1', 'ap2', 'ap3', 'ap4', 'sa1'])
    await page.locator('select[data-field="pusher.cluster"]').selectOption('eu')
    await page.getByTestId('save-profile').click()
    await expect.poll(() => page.getByTestId('settings-status').innerText().then(plain)).toBe(word('settings.saved'))
    const id = await page.evaluate(async () => {
      const res = await (window as unknown as Bridge).go.main.App.ListProfiles()
      return (res.profiles as { id: string; name: string }[]).find((p) => p.name === 'نموذج التحقق')?.id ?? ''
    })
    created.push(id)

    // A self-hosted server keeps its own app id and cluster (the sandbox's soketi: "app-id", "local").
    await page.locator('[data-field="pusher.mode"]').selectOption('custom')
    await page.locator('[data-field="pusher.host"]').fill('127.0.0.1:6001')
    await page.locator('[data-field="pusher.appId"]').fill('app-id')
    await page.locator('input[data-field="pusher.cluster"]').fill('local')
    await page.getByTestId('save-profile').click()
    await expect.poll(() => page.getByTestId('settings-status').innerText().then(plain)).toBe(word('settings.saved'))
  })

  it('previews a .env import: the broken line named, names only for secrets, cancel changes nothing, apply applies', async () => {
    const { page } = s
    const secret = 'forms-canary-pusher-secret-4b7e'
    const id = await databaseProfile(s, 'معاينة الاستيراد', mongo!.uriWrongPassword, { dbPlan: '', atlasLookup: false })
    created.push(id)
    await openSettingsOn('معاينة الاستيراد')
    const dialogDir = inject('dialogDir')
    mkdirSync(dialogDir, { recursive: true })
    const pick = (name: string, lines: string[]) => {
      const file = join(dialogDir, name)
      writeFileSync(file, lines.join('\n'))
      writeFileSync(join(dialogDir, 'open-path'), file)
    }

    // Unsaved edits first: the import would replace them, so it waits until they are saved or discarded.
    await page.locator('[data-field="dbPlan"]').fill('M0')
    await expect.poll(() => page.getByTestId('import-env').isDisabled()).toBe(true)
    expect(await page.getByTestId('import-blocked').innerText().then(plain)).toBe(word('forms.preview.saveFirst'))
    await page.locator('[data-field="dbPlan"]').fill('')
    await expect.poll(() => page.getByTestId('import-env').isEnabled()).toBe(true)

    pick('broken.env', ['PUSHER_KEY=serverkey1', '# a comment', `PUSHER_SECRET="${secret}`, 'PUSHER_CLUSTER=eu'])
    await page.getByTestId('import-env').click()
    const result = page.getByTestId('import-result')
    await expect.poll(() => result.locator('.ltr-list').innerText().then(plain)).toBe(fill('forms.msg.ENV_MALFORMED', { line: 3 }))
    expect(await result.locator('[data-testid="error-code"]').getAttribute('data-code')).toBe('ENV_MALFORMED')
    expect(await page.getByTestId('import-preview').count()).toBe(0)
    await assertNowhere(s, secret)

    pick('site.env', [`DATABASE_URL="${mongo!.uri}"`, `PUSHER_SECRET=${secret}`, 'PUSHER_APP_ID=12345', 'PUSHER_KEY=serverkey1',
      'PUSHER_CLUSTER=eu', 'NEXT_PUBLIC_SITE_URL=https://new.example.com/', 'UNRELATED_SETTING=1'])
    await page.getByTestId('import-env').click()
    const preview = page.getByTestId('import-preview')
    await preview.waitFor()
    const row = (name: string) => preview.locator(`tr[data-var="${name}"]`)
    expect(await row('DATABASE_URL').getAttribute('data-status')).toBe('changed')
    expect(await row('DATABASE_URL').innerText().then(plain)).toContain(word('forms.preview.secretValue'))
    expect(await row('PUSHER_SECRET').getAttribute('data-status')).toBe('new')
    expect(await row('PUSHER_CLUSTER').innerText().then(plain)).toContain('eu')
    expect(await row('NEXT_PUBLIC_SITE_URL').getAttribute('data-status')).toBe('changed')
    expect(await row('NEXT_PUBLIC_SITE_URL').innerText().then(plain)).toContain('https://new.example.com')
    expect(await row('UNRELATED_SETTING').getAttribute('data-status')).toBe('ignored')
    // The secrets are named, never shown: not their values, not the database password.
    for (const v of [secret, password, wrongPassword, mongo!.uri]) await assertNowhere(s, v)
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('import-apply')
    if (shots) await preview.screenshot({ path: join(shots, `forms-import-preview-${LANG}.png`) })

    // Cancel: nothing written.
    await page.getByTestId('import-cancel').click()
    await expect.poll(() => result.innerText().then(plain)).toBe(word('settings.why.importCancelled'))
    expect(await page.getByTestId('secret-PUSHER_SECRET').getAttribute('data-saved')).toBe('false')
    expect(await page.locator('[data-field="siteUrl"]').inputValue()).toBe('https://shop.example.com')

    // Apply: exactly what was shown.
    await page.getByTestId('import-env').click()
    await preview.waitFor()
    await page.getByTestId('import-apply').click()
    await expect.poll(() => result.innerText().then(plain)).toContain('PUSHER_SECRET')
    await expect.poll(() => page.getByTestId('secret-PUSHER_SECRET').getAttribute('data-saved')).toBe('true')
    await expect.poll(() => page.locator('[data-field="siteUrl"]').inputValue()).toBe('https://new.example.com')
    await assertNowhere(s, secret)
  })

  it('replaces only the DATABASE_URL password; the check passes on FerretDB; the password never reaches the page', async () => {
    const { page } = s
    const id = await databaseProfile(s, 'محرر الرابط', mongo!.uriWrongPassword, { dbPlan: '', atlasLookup: false })
    created.push(id)
    await openSettingsOn('محرر الرابط')
    const editor = page.getByTestId('dburl-editor')
    await expect.poll(() => editor.getByTestId('dburl-hosts').innerText().then(plain).catch(() => '')).toBe(mongo!.host)
    expect(await editor.getByTestId('dburl-scheme').innerText().then(plain)).toBe('mongodb://')
    expect(await editor.getByTestId('dburl-database').innerText().then(plain)).toBe(new URL(mongo!.uri).pathname.slice(1) || '—')
    expect(await editor.getByTestId('dburl-has-password').innerText().then(plain)).toBe(word('forms.db.saved'))
    for (const [name, value] of new URL(mongo!.uri).searchParams) {
      expect(await editor.locator(`[data-option="${name}"]`).innerText().then(plain)).toBe(`${name}=${value}`)
    }
    await assertNowhere(s, wrongPassword)

    await editor.getByTestId('dburl-password').fill(password)
    if (shots) await editor.screenshot({ path: join(shots, `forms-dburl-editor-${LANG}.png`) })
    await editor.getByTestId('dburl-set-password').click()
    await expect.poll(() => editor.getByTestId('dburl-status').innerText().then(plain)).toBe(word('forms.db.done'))
    expect(await editor.getByTestId('dburl-password').inputValue()).toBe('')

    // The database card passes with the rebuilt URI (the selected profile is this one).
    await nav('common.nav.home').click()
    await page.selectOption('#profile-switcher', { label: 'محرر الرابط' })
    const card = page.locator('[data-card="database"]')
    await card.getByTestId('db-check').click()
    await expect.poll(() => card.locator('[data-state]').getAttribute('data-state'), { timeout: 20_000 }).toBe('ok')

    // Neither the old nor the new password, nor the URI, is in the DOM, the inputs or any frame Go sent.
    for (const v of [password, wrongPassword, mongo!.uri, mongo!.uriWrongPassword, encodeURIComponent(password)]) await assertNowhere(s, v)
  })
})
