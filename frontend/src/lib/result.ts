// Errors are data: every bound call resolves to a result with ok/code/message. A rejected promise (the
// bridge itself failed) becomes such a result too, so no component ever sees an unhandled rejection.
import type * as models from '../../wailsjs/go/models'

/** Failure is what a fallback starts from: the common head of every result, with code BRIDGE_ERROR. Its
 * message is Go's English detail (logs only): the UI says code + params through the catalog. */
export type Failure = Pick<models.settings.Outcome, 'ok' | 'code' | 'message' | 'params'>

export async function safeCall<T>(call: () => Promise<T>, fallback: (f: Failure) => T): Promise<T> {
  try {
    return await call()
  } catch (err) {
    // The raw error text is not logged or shown: it may echo input. The code is enough to say what failed.
    void err
    return fallback({ ok: false, code: 'BRIDGE_ERROR', message: '', params: {} })
  }
}

/** withDeadline rejects when call has not settled in ms, so a lost bridge becomes BRIDGE_ERROR, not a spinner forever. */
export function withDeadline<T>(call: () => Promise<T>, ms: number): () => Promise<T> {
  return () =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bridge deadline')), ms)
      call().then(
        (v) => {
          clearTimeout(timer)
          resolve(v)
        },
        (e) => {
          clearTimeout(timer)
          reject(e)
        },
      )
    })
}
