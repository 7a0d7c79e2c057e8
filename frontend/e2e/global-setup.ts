// Starts the Wails dev bridge (real Go methods) with an isolated config dir and fake dialogs, plus the
// real peers (when built), and hands their addresses to the specs. Everything listens on 127.0.0.1 and is
// stopped here by PID.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createServer } from 'node:net'
import type { TestProject } from 'vitest/node'

const root = resolve(__dirname, '../..')

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.once('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => res(port))
    })
  })
}

async function waitHttp(url: string, proc: ChildProcess, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`process exited (${proc.exitCode}) before ${url} answered`)
    try {
      const r = await fetch(url)
      if (r.ok) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer within ${ms} ms`)
}

function stop(proc: ChildProcess | undefined) {
  if (!proc?.pid || proc.exitCode !== null) return
  try {
    process.kill(-proc.pid, 'SIGTERM')
  } catch {
    /* already gone */
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    bridgeURL: string
    dialogDir: string
    configDir: string
    peers: Record<string, unknown>
  }
}

export default async function setup(project: TestProject) {
  const bin = process.env.SIYANA_DEV_BINARY ?? join(root, 'build/bin/siyana-dev')
  const work = mkdtempSync(join(tmpdir(), 'siyana-e2e-'))
  const configDir = join(work, 'config')
  const dialogDir = join(work, 'dialogs')
  const port = await freePort()
  const logs: string[] = []

  const peers: Record<string, unknown> = {}
  let peerProc: ChildProcess | undefined
  const peersBin = process.env.SIYANA_PEERS_BINARY
  if (peersBin) {
    // The peers command prints one JSON line with every peer's address and credentials once all are up.
    peerProc = spawn(peersBin, ['--json'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    const line = await new Promise<string>((res, rej) => {
      let buf = ''
      const timer = setTimeout(() => rej(new Error(`peers did not start: ${buf}`)), 120_000)
      peerProc!.stdout!.on('data', (d) => {
        buf += d
        const nl = buf.indexOf('\n')
        if (nl >= 0) {
          clearTimeout(timer)
          res(buf.slice(0, nl))
        }
      })
      peerProc!.stderr!.on('data', (d) => logs.push(String(d)))
      peerProc!.once('exit', (code) => rej(new Error(`peers exited ${code}: ${logs.join('')}`)))
    })
    Object.assign(peers, JSON.parse(line))
  }

  const bridge = spawn(bin, ['-devserver', `127.0.0.1:${port}`, '-assetdir', join(root, 'frontend/dist')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // XDG_CONFIG_HOME: Wails' notification service creates <config dir>/<binary name> at start.
    env: { ...process.env, SIYANA_CONFIG_DIR: configDir, SIYANA_FAKE_DIALOG_DIR: dialogDir, XDG_CONFIG_HOME: join(work, 'xdg') },
  })
  bridge.stdout!.on('data', (d) => logs.push(String(d)))
  bridge.stderr!.on('data', (d) => logs.push(String(d)))
  const bridgeURL = `http://127.0.0.1:${port}`
  try {
    await waitHttp(bridgeURL, bridge, 30_000)
  } catch (err) {
    stop(bridge)
    stop(peerProc)
    throw new Error(`${(err as Error).message}\n${logs.join('')}`)
  }

  project.provide('bridgeURL', bridgeURL)
  project.provide('dialogDir', dialogDir)
  project.provide('configDir', configDir)
  project.provide('peers', peers)

  return () => {
    stop(bridge)
    stop(peerProc)
    rmSync(work, { recursive: true, force: true })
  }
}
