// Siyana on-demand revalidation route (drop-in file; see integrations/nextjs/README.md).
//
// The desktop app cannot call server actions, so it calls this route handler instead:
//   POST /api/revalidate   Authorization: Bearer <REVALIDATE_SECRET>
//   {"tags": ["products"], "paths": ["/", {"path": "/dashboard", "type": "layout"}], "mode": "expire", "dryRun": false}
// One file serves Next 15 (revalidateTag takes one argument) and Next 16 (it takes a cache-life profile).
import { createHash, timingSafeEqual } from "node:crypto";
import { revalidatePath, revalidateTag } from "next/cache";
import nextPackage from "next/package.json";

export const runtime = "nodejs";
// Never prerender or cache this handler: every call must reach revalidateTag/revalidatePath.
export const dynamic = "force-dynamic";

// Sent as X-Siyana-Route so a client can tell this route from any other handler at the same URL; the
// test suite also finds this string in the fixture's build to prove it compiled this very file.
const ROUTE_ID = "siyana-revalidate/1";

// Limits. Next itself silently ignores tags over 256 and paths over 1024 characters (it only logs a
// warning), so rejecting them here is the only way the caller learns about the mistake. The body cap fits
// the largest valid request (100 paths of 1 KiB + 100 tags of 256 B, ~128 KiB) with room for JSON escapes.
const MAX_BODY_BYTES = 256 * 1024;
const MAX_TAGS = 100;
const MAX_PATHS = 100;
const MAX_TAG_LENGTH = 256;
const MAX_PATH_LENGTH = 1024;
const MAX_ACTOR_LENGTH = 64;
// A secret shorter than this is refused as weak: the route would otherwise be as easy to guess as its
// secret. `openssl rand -base64 32` makes a 44-character one.
const MIN_SECRET_LENGTH = 32;
// Token bucket for authenticated calls, one per server instance: BURST calls at once, refilled at
// PER_MINUTE calls a minute. A leaked secret then costs at most this much re-rendering. The environment can
// change the sizes (whole numbers within the caps); anything else keeps the default.
const DEFAULT_RATE_BURST = 20;
const DEFAULT_RATE_PER_MINUTE = 60;
const MAX_RATE_BURST = 1000;
const MAX_RATE_PER_MINUTE = 6000;
const LIMITS = {
  maxBodyBytes: MAX_BODY_BYTES,
  maxTags: MAX_TAGS,
  maxPaths: MAX_PATHS,
  maxTagLength: MAX_TAG_LENGTH,
  maxPathLength: MAX_PATH_LENGTH,
};

type Mode = "expire" | "max";
type PathItem = { path: string; type?: "page" | "layout" };
type ItemResult = { item: string; kind: "tag" | "path"; ok: boolean; error?: string };
type Problem = { field: string; problem: string; message: string };

// Next 16: revalidateTag(tag, profile). Next 15: revalidateTag(tag). The cast lets one file compile on both.
const revalidateTagCompat = revalidateTag as unknown as (tag: string, profile?: string | { expire?: number }) => void;
const revalidatePathCompat = revalidatePath as unknown as (path: string, type?: "page" | "layout") => void;

const NEXT_VERSION: string = process.env.__NEXT_VERSION || (nextPackage as { version?: string }).version || "unknown";
const NEXT_MAJOR = Number.parseInt(NEXT_VERSION, 10);
// Before Next 16 every revalidation expires immediately; "max" (stale-while-revalidate) does not exist.
const SUPPORTS_PROFILE = Number.isFinite(NEXT_MAJOR) ? NEXT_MAJOR >= 16 : true;

// Any control character (C0, DEL, C1) and the Unicode line/paragraph separators.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const BASE_HEADERS = { "Cache-Control": "no-store", "X-Siyana-Route": ROUTE_ID } as const;

function reply(status: number, body: Record<string, unknown>, extra: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...BASE_HEADERS, ...extra } });
}

function fail(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return reply(status, { ok: false, code, message, ...extra }, headers);
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

// Hashing both sides first gives equal-length buffers, so timingSafeEqual never throws and the
// comparison time does not depend on how much of the secret the caller guessed.
function authorized(header: string | null, secret: string): boolean {
  const match = /^Bearer[ \t]+(.+)$/i.exec(header ?? "");
  const presented = match ? match[1].trim() : "";
  const same = timingSafeEqual(digest(presented), digest(secret));
  return same && presented.length > 0;
}

// The actor (who pressed the button in Siyana) is shown in the site's logs. HTTP headers carry bytes, not
// Unicode, so Siyana percent-encodes it as UTF-8 (Arabic names survive). Anything that is not a letter,
// mark, digit, punctuation, symbol or space is dropped so it cannot forge log lines, and it is capped.
function actorOf(request: Request): string {
  let raw = request.headers.get("x-siyana-actor") ?? "";
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded: log it as sent, still sanitised below.
  }
  const clean = raw.replace(/[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu, "").trim();
  return Array.from(clean).slice(0, MAX_ACTOR_LENGTH).join("");
}

type Bucket = { burst: number; perMs: number; tokens: number; updated: number };

function envCount(name: string, fallback: number, cap: number): number {
  const raw = (process.env[name] ?? "").trim();
  if (!/^[0-9]{1,7}$/.test(raw)) return fallback;
  const n = Number(raw);
  return n >= 1 && n <= cap ? n : fallback;
}

// Read once per process (on the first call), kept on globalThis so a dev-server reload of this module does
// not hand out a fresh burst.
function bucket(): Bucket {
  const g = globalThis as typeof globalThis & { __siyanaRevalidateBucket?: Bucket };
  if (!g.__siyanaRevalidateBucket) {
    const burst = envCount("REVALIDATE_RATE_BURST", DEFAULT_RATE_BURST, MAX_RATE_BURST);
    const perMinute = envCount("REVALIDATE_RATE_PER_MINUTE", DEFAULT_RATE_PER_MINUTE, MAX_RATE_PER_MINUTE);
    g.__siyanaRevalidateBucket = { burst, perMs: perMinute / 60_000, tokens: burst, updated: performance.now() };
  }
  return g.__siyanaRevalidateBucket;
}

// take spends one token; it returns 0 when there was one, else the whole seconds until there is.
function take(): number {
  const b = bucket();
  const now = performance.now();
  b.tokens = Math.min(b.burst, b.tokens + (now - b.updated) * b.perMs);
  b.updated = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - b.tokens) / b.perMs / 1000));
}

function logLine(fields: Record<string, unknown>): void {
  console.info(JSON.stringify({ event: "siyana.revalidate", ...fields }));
}

class TooLarge extends Error {}

// Content-Length can be absent (chunked) or lie, so the body is counted while it is read.
async function readCapped(request: Request, cap: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > cap) throw new TooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
}

function checkText(value: unknown, field: string, max: number, problems: Problem[]): value is string {
  if (typeof value !== "string") {
    problems.push({ field, problem: "NOT_STRING", message: "must be a string" });
    return false;
  }
  if (value.length === 0) {
    problems.push({ field, problem: "EMPTY", message: "must not be empty" });
    return false;
  }
  if (value.length > max) {
    problems.push({ field, problem: "TOO_LONG", message: `must be at most ${max} characters` });
    return false;
  }
  if (CONTROL_CHARS.test(value)) {
    problems.push({ field, problem: "CONTROL_CHAR", message: "must not contain control characters" });
    return false;
  }
  return true;
}

type Parsed = { tags: string[]; paths: PathItem[]; mode: Mode; dryRun: boolean };

function validate(body: Record<string, unknown>, problems: Problem[]): Parsed {
  const parsed: Parsed = { tags: [], paths: [], mode: "expire", dryRun: false };
  // Unknown fields are rejected so a typo such as "tag" fails loudly instead of revalidating nothing.
  for (const key of Object.keys(body)) {
    if (!["tags", "paths", "mode", "dryRun"].includes(key)) {
      problems.push({ field: key, problem: "UNKNOWN_FIELD", message: "is not a known field" });
    }
  }
  if (body.tags !== undefined) {
    if (!Array.isArray(body.tags)) {
      problems.push({ field: "tags", problem: "NOT_ARRAY", message: "must be an array of strings" });
    } else if (body.tags.length > MAX_TAGS) {
      problems.push({ field: "tags", problem: "TOO_MANY", message: `at most ${MAX_TAGS} tags per request` });
    } else {
      body.tags.forEach((tag, i) => {
        if (checkText(tag, `tags[${i}]`, MAX_TAG_LENGTH, problems) && !parsed.tags.includes(tag)) parsed.tags.push(tag);
      });
    }
  }
  if (body.paths !== undefined) {
    if (!Array.isArray(body.paths)) {
      problems.push({ field: "paths", problem: "NOT_ARRAY", message: "must be an array" });
    } else if (body.paths.length > MAX_PATHS) {
      problems.push({ field: "paths", problem: "TOO_MANY", message: `at most ${MAX_PATHS} paths per request` });
    } else {
      body.paths.forEach((entry, i) => {
        const item = validatePath(entry, `paths[${i}]`, problems);
        if (item && !parsed.paths.some((p) => p.path === item.path && p.type === item.type)) parsed.paths.push(item);
      });
    }
  }
  if (body.mode !== undefined) {
    if (body.mode === "expire" || body.mode === "max") parsed.mode = body.mode;
    else problems.push({ field: "mode", problem: "BAD_VALUE", message: 'must be "expire" or "max"' });
  }
  if (body.dryRun !== undefined) {
    if (typeof body.dryRun === "boolean") parsed.dryRun = body.dryRun;
    else problems.push({ field: "dryRun", problem: "NOT_BOOLEAN", message: "must be true or false" });
  }
  if (problems.length === 0 && parsed.tags.length === 0 && parsed.paths.length === 0) {
    problems.push({ field: "tags", problem: "EMPTY", message: "send at least one tag or path" });
  }
  return parsed;
}

function validatePath(entry: unknown, field: string, problems: Problem[]): PathItem | null {
  let path: unknown = entry;
  let type: unknown = undefined;
  if (entry !== null && typeof entry === "object" && !Array.isArray(entry)) {
    const obj = entry as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (key !== "path" && key !== "type") problems.push({ field: `${field}.${key}`, problem: "UNKNOWN_FIELD", message: "is not a known field" });
    }
    path = obj.path;
    type = obj.type;
    field = `${field}.path`;
  }
  if (!checkText(path, field, MAX_PATH_LENGTH, problems)) return null;
  if (!path.startsWith("/")) {
    problems.push({ field, problem: "NOT_ABSOLUTE", message: 'must start with "/"' });
    return null;
  }
  if (type !== undefined && type !== "page" && type !== "layout") {
    problems.push({ field: field.replace(/\.path$/, ".type"), problem: "BAD_VALUE", message: 'must be "page" or "layout"' });
    return null;
  }
  return type === undefined ? { path } : { path, type: type as "page" | "layout" };
}

function run(item: string, kind: "tag" | "path", action: () => void, dryRun: boolean): ItemResult {
  if (dryRun) return { item, kind, ok: true };
  try {
    action();
    return { item, kind, ok: true };
  } catch (err) {
    return { item, kind, ok: false, error: err instanceof Error ? err.message.slice(0, 300) : "revalidation failed" };
  }
}

export async function POST(request: Request): Promise<Response> {
  const started = performance.now();
  const secret = process.env.REVALIDATE_SECRET ?? "";
  // Until the caller is authenticated nothing it sent is logged: the actor header is the caller's word.
  if (secret === "") {
    logLine({ status: 500, code: "NOT_CONFIGURED" });
    return fail(500, "NOT_CONFIGURED", "REVALIDATE_SECRET is not set on the server");
  }
  if (Array.from(secret).length < MIN_SECRET_LENGTH) {
    logLine({ status: 500, code: "WEAK_SECRET" });
    return fail(500, "WEAK_SECRET",
      `REVALIDATE_SECRET is shorter than ${MIN_SECRET_LENGTH} characters. Create a strong one with \`openssl rand -base64 32\`, ` +
        "set it on the server and in Siyana, then redeploy.", { minLength: MIN_SECRET_LENGTH });
  }
  // Authenticate before reading the body so anonymous callers cannot make the server parse anything.
  if (!authorized(request.headers.get("authorization"), secret)) {
    logLine({ status: 401, code: "UNAUTHORIZED" });
    return fail(401, "UNAUTHORIZED", "missing or wrong bearer token", {}, { "WWW-Authenticate": 'Bearer realm="revalidate"' });
  }
  const actor = actorOf(request);
  const wait = take();
  if (wait > 0) {
    logLine({ status: 429, actor, code: "RATE_LIMITED", retryAfterSeconds: wait });
    return fail(429, "RATE_LIMITED", `too many revalidation calls; retry in ${wait} s`, { retryAfterSeconds: wait },
      { "Retry-After": String(wait) });
  }

  let text: string;
  try {
    text = await readCapped(request, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof TooLarge) {
      logLine({ status: 413, actor, code: "TOO_LARGE" });
      return fail(413, "TOO_LARGE", `body is larger than ${MAX_BODY_BYTES} bytes`, { limits: LIMITS });
    }
    logLine({ status: 400, actor, code: "BAD_REQUEST" });
    return fail(400, "BAD_REQUEST", "body could not be read as UTF-8");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    logLine({ status: 400, actor, code: "BAD_REQUEST" });
    return fail(400, "BAD_REQUEST", "body is not valid JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    logLine({ status: 400, actor, code: "BAD_REQUEST" });
    return fail(400, "BAD_REQUEST", "body must be a JSON object");
  }

  const problems: Problem[] = [];
  const req = validate(body as Record<string, unknown>, problems);
  if (problems.length > 0) {
    logLine({ status: 422, actor, code: "INVALID_INPUT", problems: problems.length });
    return fail(422, "INVALID_INPUT", "request breaks the route's limits", { problems: problems.slice(0, 50), limits: LIMITS });
  }

  const mode: Mode = SUPPORTS_PROFILE ? req.mode : "expire";
  // {expire: 0} expires at once (next request renders fresh); "max" serves stale once while re-rendering.
  const profile = mode === "max" ? "max" : { expire: 0 };
  const results: ItemResult[] = [];
  for (const tag of req.tags) {
    results.push(run(tag, "tag", () => (SUPPORTS_PROFILE ? revalidateTagCompat(tag, profile) : revalidateTagCompat(tag)), req.dryRun));
  }
  for (const p of req.paths) {
    const item = p.type ? `${p.path} (${p.type})` : p.path;
    results.push(run(item, "path", () => revalidatePathCompat(p.path, p.type), req.dryRun));
  }
  const ok = results.every((r) => r.ok);
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  logLine({
    status: 200,
    actor,
    tags: req.tags.length,
    paths: req.paths.length,
    failed: results.filter((r) => !r.ok).length,
    mode,
    dryRun: req.dryRun,
    durationMs,
  });
  return reply(200, {
    ok,
    results,
    revalidatedAt: new Date().toISOString(),
    durationMs,
    nextVersion: NEXT_VERSION,
    dryRun: req.dryRun,
    mode,
  });
}

// GET doubles as a readiness probe: 405 proves the route exists without revalidating anything.
function methodNotAllowed(): Response {
  return fail(405, "METHOD_NOT_ALLOWED", "use POST", {}, { Allow: "POST" });
}
export const GET = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;
