// The in-app dialog: the one way the UI asks the admin something (window.confirm is never used: the webview
// titles it "JavaScript - wails://wails/", its buttons are in English and OK is its default). Any component
// asks through confirm() or choose(); ConfirmDialog.svelte, mounted once in App, shows the request on top.
// Requests wait in turn, so two questions never overlap and none is lost.
import { t } from '../i18n'

/** Tone styles a choice: danger for the destructive one, primary for the one that goes on, plain otherwise. */
export type Tone = 'danger' | 'primary' | 'plain'

export interface Choice<T extends string> {
  value: T
  label: string
  tone?: Tone
}

export interface Request<T extends string> {
  title: string
  message: string
  /** choices in the order they are shown, the one that goes on last (at the inline end, where the eye ends). */
  choices: Choice<T>[]
  /** cancel is the safe answer: Escape, closing the dialog and the default focus give it. */
  cancel: T
}

interface Pending {
  request: Request<string>
  resolve: (value: string) => void
}

class Dialog {
  /** current: the question on screen (null when none). Written here only. */
  current = $state.raw<Request<string> | null>(null)
}
export const dialog = new Dialog()

const queue: Pending[] = []
let open: Pending | null = null

function next() {
  open = queue.shift() ?? null
  dialog.current = open?.request ?? null
}

/** choose shows request and resolves with the value of the choice the admin made (request.cancel on Escape). */
export function choose<T extends string>(request: Request<T>): Promise<T> {
  if (!request.choices.some((c) => c.value === request.cancel)) throw new Error('dialog: the cancel value is not one of the choices')
  return new Promise<T>((resolve) => {
    queue.push({ request, resolve: resolve as (value: string) => void })
    if (!open) next()
  })
}

/** answer ends the question on screen with value (the component calls it); a value not offered is a cancel. */
export function answer(value: string): void {
  if (!open) return
  const { request, resolve } = open
  resolve(request.choices.some((c) => c.value === value) ? value : request.cancel)
  next()
}

/** answerCancel ends the question on screen with its safe answer (Escape, the dialog closed). */
export function answerCancel(): void {
  if (open) answer(open.request.cancel)
}

export interface Confirmation {
  title: string
  message: string
  /** confirm is the label of the button that goes on. */
  confirm: string
  /** cancel is the label of the safe button (common.dialog.cancel when not given). */
  cancel?: string
  /** danger styles the confirm button as destructive. Cancel stays the default either way. */
  danger?: boolean
}

/** confirm asks a yes/no question: true only when the admin pressed the confirm button. */
export async function confirm(c: Confirmation): Promise<boolean> {
  const v = await choose({
    title: c.title,
    message: c.message,
    cancel: 'cancel',
    choices: [
      { value: 'cancel', label: c.cancel ?? t('common.dialog.cancel') },
      { value: 'confirm', label: c.confirm, tone: c.danger ? 'danger' : 'primary' },
    ],
  })
  return v === 'confirm'
}
