// Errors are data: every bound call resolves to a result with ok/code/message. A rejected promise (the
// bridge itself failed) becomes such a result too, so no component ever sees an unhandled rejection.
export interface Outcome {
  ok: boolean
  code: string
  message: string // English detail (logs); the UI says code + params through the catalog
  params?: Record<string, string> | null
}

export async function safeCall<T extends object>(call: () => Promise<T>, fallback: (o: Outcome) => T): Promise<T> {
  try {
    return await call()
  } catch (err) {
    // The raw error text is not logged or shown: it may echo input. The code is enough to say what failed.
    void err
    return fallback({ ok: false, code: 'BRIDGE_ERROR', message: '' })
  }
}
