import { beforeEach, describe, expect, it } from 'vitest'
import { answer, answerCancel, choose, confirm, dialog } from './dialog.svelte'
import { guardLeave, show, view } from './view.svelte'
import { nextAfter, sameProfile, zeroProfile } from './profiles.svelte'

const tick = () => new Promise((r) => setTimeout(r, 0))

beforeEach(() => {
  while (dialog.current) answerCancel()
  view.current = 'home'
})

describe('dialog store', () => {
  it('confirm resolves true only on the confirm button; cancel is the safe default', async () => {
    const asked = confirm({ title: 'T', message: 'M', confirm: 'Go', danger: true })
    expect(dialog.current?.cancel).toBe('cancel')
    expect(dialog.current?.choices.map((c) => [c.value, c.tone ?? 'plain'])).toEqual([['cancel', 'plain'], ['confirm', 'danger']])
    answer('confirm')
    expect(await asked).toBe(true)
    expect(dialog.current).toBeNull()
  })

  it('Escape (answerCancel) and a value that was not offered both answer the safe choice', async () => {
    const a = confirm({ title: 'T', message: 'M', confirm: 'Go' })
    answerCancel()
    expect(await a).toBe(false)
    const b = choose({ title: 'T', message: 'M', cancel: 'stay', choices: [{ value: 'stay', label: 's' }, { value: 'discard', label: 'd' }] })
    answer('save')
    expect(await b).toBe('stay')
  })

  it('questions wait in turn: the second shows once the first is answered', async () => {
    const first = confirm({ title: 'one', message: '', confirm: 'Go' })
    const second = confirm({ title: 'two', message: '', confirm: 'Go' })
    expect(dialog.current?.title).toBe('one')
    answer('confirm')
    expect(dialog.current?.title).toBe('two')
    answerCancel()
    expect([await first, await second]).toEqual([true, false])
    expect(dialog.current).toBeNull()
  })

  it('refuses a request whose cancel is not one of its choices', () => {
    expect(() => choose({ title: 'T', message: '', cancel: 'x', choices: [{ value: 'y', label: 'y' }] })).toThrow()
  })
})

describe('leaving a view', () => {
  it('goes only when the guard lets it, and not after the guard is removed', async () => {
    view.current = 'settings'
    let allow = false
    const remove = guardLeave(async () => allow)
    expect(await show('home')).toBe(false)
    expect(view.current).toBe('settings')
    allow = true
    expect(await show('home')).toBe(true)
    expect(view.current).toBe('home')
    allow = false
    view.current = 'settings'
    remove()
    expect(await show('home')).toBe(true)
    await tick()
  })
})

describe('unsaved edits and the next profile', () => {
  it('sameProfile sees an edit and ignores empty values left either way', () => {
    const p = { ...zeroProfile(), id: 'p1', name: 'الإنتاج' }
    expect(sameProfile(p, structuredClone(p))).toBe(true)
    expect(sameProfile(p, { ...p, pusher: { ...p.pusher, host: '', insecure: false } })).toBe(true)
    expect(sameProfile(p, { ...p, name: 'الإنتاج ' })).toBe(false)
    expect(sameProfile(p, { ...p, revalidation: { ...p.revalidation, tags: ['products'] } })).toBe(false)
    expect(sameProfile(p, { ...p, features: { ...p.features, dbStats: true } })).toBe(false)
  })

  it('nextAfter is the one that followed the deleted one, else the one before, else none', () => {
    const list = ['a', 'b', 'c'].map((id) => ({ ...zeroProfile(), id }))
    // after deleting b (at 1) the list is a, c: c follows.
    expect(nextAfter(1, [list[0], list[2]])?.id).toBe('c')
    // after deleting c (the last, at 2): b.
    expect(nextAfter(2, list.slice(0, 2))?.id).toBe('b')
    expect(nextAfter(0, [])).toBeNull()
  })
})
