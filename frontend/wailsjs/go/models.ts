export namespace atlas {
	
	export interface Phases {
	    dnsMs: number;
	    connectMs: number;
	    tlsMs: number;
	    firstByteMs: number;
	    reused: boolean;
	}
	export interface Result {
	    ok: boolean;
	    code: string;
	    message: string;
	    hint: string;
	    params: Record<string, string>;
	    clusterName: string;
	    instanceSize: string;
	    provider: string;
	    backingProvider: string;
	    flex: boolean;
	    state: string;
	    mongoDBVersion: string;
	    paused: boolean;
	    httpStatus: number;
	    atlasErrorCode: string;
	    retryAfterSeconds: number;
	    phases: Phases;
	    checkedAt: string;
	    durationMs: number;
	}

}

export namespace buildinfo {
	
	export interface Info {
	    version: string;
	    commit: string;
	    date: string;
	    goVersion: string;
	    os: string;
	    arch: string;
	}

}

export namespace dbhealth {
	
	export interface Stats {
	    collections: number;
	    objects: number;
	    dataSize: number;
	    storageSize: number;
	    indexSize: number;
	}
	export interface Result {
	    ok: boolean;
	    code: string;
	    message: string;
	    hint: string;
	    params: Record<string, string>;
	    latencyMs: number;
	    connectMs: number;
	    reused: boolean;
	    connectedAt: string;
	    dbName: string;
	    host: string;
	    srv: boolean;
	    plan: string;
	    serverVersion: string;
	    stats?: Stats;
	    checkedAt: string;
	    durationMs: number;
	}
	
	export interface URIOption {
	    name: string;
	    value: string;
	    masked: boolean;
	}

}

export namespace diagnostics {
	
	export interface Redaction {
	    where: string;
	    kind: string;
	    secret?: string;
	    form?: string;
	    count: number;
	}

}

export namespace i18n {
	
	export interface FieldError {
	    code: string;
	    params?: Record<string, string>;
	}

}

export namespace main {
	
	export interface CardHistoryResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    check: string;
	    state: 'unknown' | 'up' | 'degraded' | 'down';
	    watched: boolean;
	    intervalSec: number;
	    degradedMs: number;
	    history: samples.Card;
	    checkedAt: string;
	}
	export interface CheckHistoryResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    check: string;
	    series: samples.Series;
	}
	export interface DiagnosticsResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    json: string;
	    redactions: diagnostics.Redaction[];
	    path: string;
	    checkedAt: string;
	    durationMs: number;
	}
	export interface ExportHistoryResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    path: string;
	    rows: number;
	}
	export interface FormOptions {
	    pusherClusters: string[];
	}
	export interface LanguageResult {
	    ok: boolean;
	    code: string;
	    language: string;
	    languages: string[];
	    message: string;
	}
	export interface LastResults {
	    database?: dbhealth.Result;
	    atlas?: atlas.Result;
	    pusherCredentials?: realtime.CredentialsResult;
	    pusherLive?: realtime.LiveTestResult;
	    pages?: pages.Result;
	}
	export interface ThemeResult {
	    ok: boolean;
	    code: string;
	    theme: string;
	    themes: string[];
	    message: string;
	}
	export interface WatchCheck {
	    check: string;
	    label: string;
	    suggestedSec: number;
	    defaultDegradedMs: number;
	}
	export interface WatchSettingsResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    fieldErrors: Record<string, i18n.FieldError>;
	    settings: watch.Settings;
	    checks: WatchCheck[];
	    minIntervalSec: number;
	    maxIntervalSec: number;
	    maxFailures: number;
	    warning?: watch.Warning;
	    historyWarning?: samples.Warning;
	}

}

export namespace pages {
	
	export interface Cache {
	    state: string;
	    nextjs: string;
	    vercel: string;
	    age: string;
	    cacheControl: string;
	}
	export interface Cert {
	    notAfter: string;
	    daysLeft: number;
	}
	export interface Hop {
	    status: number;
	    location: string;
	}
	export interface Timings {
	    dnsMs: number;
	    connectMs: number;
	    tlsMs: number;
	    firstByteMs: number;
	    totalMs: number;
	}
	export interface Page {
	    path: string;
	    url: string;
	    ok: boolean;
	    level: 'ok' | 'warn' | 'down';
	    code: string;
	    params: Record<string, string>;
	    message: string;
	    hint: string;
	    status: number;
	    sizeBytes: number;
	    truncated: boolean;
	    timings: Timings;
	    cache: Cache;
	    cert?: Cert;
	    redirects: Hop[];
	    mustContain: string;
	    found: boolean;
	}
	export interface Result {
	    ok: boolean;
	    level: 'ok' | 'warn' | 'down';
	    code: string;
	    params: Record<string, string>;
	    message: string;
	    hint: string;
	    siteUrl: string;
	    pages: Page[];
	    checkedAt: string;
	    durationMs: number;
	}

}

export namespace profile {
	
	export interface Atlas {
	    groupId: string;
	    clusterName: string;
	}
	export interface Features {
	    dbStats: boolean;
	    atlasLookup: boolean;
	    verifyPaths: boolean;
	}
	export interface LoadWarning {
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    movedTo: string;
	    detail: string;
	}
	export interface Page {
	    path: string;
	    mustContain: string;
	}
	export interface Revalidation {
	    tags: string[];
	    paths: string[];
	    cooldownSeconds: number;
	}
	export interface Pusher {
	    appId: string;
	    key: string;
	    cluster: string;
	    publicKey: string;
	    publicCluster: string;
	    host?: string;
	    insecure?: boolean;
	}
	export interface Profile {
	    id: string;
	    name: string;
	    kind: 'production' | 'staging' | 'development' | '';
	    siteUrl: string;
	    instanceUrls: string[];
	    actor: string;
	    dbPlan: string;
	    pusher: Pusher;
	    atlas: Atlas;
	    revalidation: Revalidation;
	    features: Features;
	    pages: Page[];
	    savedSecrets: string[];
	    revalidateSecretOrigins: string[];
	}
	

}

export namespace realtime {
	
	export interface CredentialsResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    httpStatus: number;
	    bodyStatus: number;
	    serverMessage: string;
	    missing: string[];
	    clockChecked: boolean;
	    clockSkewSec: number;
	    warning: string;
	    requestMs: number;
	    connectMs: number;
	    tlsMs: number;
	    firstByteMs: number;
	    endpoint: string;
	    checkedAt: string;
	    durationMs: number;
	}
	export interface LiveTestResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    stage: string;
	    latencyMs: number;
	    connectMs: number;
	    subscribeMs: number;
	    triggerMs: number;
	    deliveryMs: number;
	    socketId: string;
	    wsCloseCode: number;
	    httpStatus: number;
	    serverMessage: string;
	    missing: string[];
	    checkedAt: string;
	    durationMs: number;
	}
	export interface Problem {
	    code: string;
	    message: string;
	}
	export interface PresenceResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    missing: string[];
	    problems: Problem[];
	    canValidate: boolean;
	    canLiveTest: boolean;
	    reason: string;
	    checkedAt: string;
	    durationMs: number;
	}

}

export namespace revalidate {
	
	export interface VerifyResult {
	    path: string;
	    instance: string;
	    state: string;
	    cacheBefore: string;
	    cacheAfter: string;
	    etagChanged: boolean;
	    bodyChanged: boolean;
	    httpStatus: number;
	    attempts: number;
	    reason?: string;
	    note?: string;
	    durationMs: number;
	}
	export interface InstanceResult {
	    url: string;
	    ok: boolean;
	    code: string;
	    reason?: string;
	    message?: string;
	    httpStatus: number;
	    nextVersion: string;
	    requests: number;
	    durationMs: number;
	    retryAfterSeconds?: number;
	}
	export interface ItemInstance {
	    url: string;
	    ok: boolean;
	    reason?: string;
	    error?: string;
	}
	export interface ItemResult {
	    item: string;
	    kind: string;
	    type?: string;
	    ok: boolean;
	    code?: string;
	    reason?: string;
	    params?: Record<string, string>;
	    error?: string;
	    instances?: ItemInstance[];
	}
	export interface PathSpec {
	    path: string;
	    type?: string;
	}
	export interface LogEntry {
	    ts: string;
	    runId: string;
	    profileId: string;
	    actor: string;
	    kind: string;
	    mode: string;
	    tags: string[];
	    paths: PathSpec[];
	    itemCount: number;
	    result: string;
	    code: string;
	    durationMs: number;
	    errors: ItemResult[];
	    instances: InstanceResult[];
	    verify?: VerifyResult[];
	    nextVersion: string;
	    retryOf?: string;
	    truncated?: boolean;
	}
	export interface History {
	    ok: boolean;
	    code: string;
	    message: string;
	    reason?: string;
	    entries: LogEntry[];
	    skippedLines: number;
	    checkedAt: string;
	    durationMs: number;
	}
	
	
	
	
	export interface OriginChange {
	    saved: string[];
	    current: string[];
	}
	
	export interface Progress {
	    runId: string;
	    profileId: string;
	    step: number;
	    steps: number;
	    done: number;
	    total: number;
	    failed: number;
	    current: string;
	    phase: string;
	}
	export interface Result {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    logFailed?: boolean;
	    runId: string;
	    kind: string;
	    mode: string;
	    dryRun: boolean;
	    result: string;
	    items: ItemResult[];
	    instances: InstanceResult[];
	    verify: VerifyResult[];
	    nextVersion: string;
	    retryAfterSeconds: number;
	    retryOf?: string;
	    startedAt: string;
	    durationMs: number;
	    checkedAt: string;
	    originChange?: OriginChange;
	}
	export interface Status {
	    profileId: string;
	    running: boolean;
	    runId: string;
	    progress?: Progress;
	    cooldownSeconds: number;
	    cooldownUntil: string;
	    nextVersion: string;
	    checkedAt: string;
	}
	export interface Validated {
	    tags: string[];
	    paths: PathSpec[];
	    invalid: ItemResult[];
	    dropped: number;
	}

}

export namespace samples {
	
	export interface Incident {
	    started: string;
	    ended?: string;
	    durationMs: number;
	    code: string;
	}
	export interface Point {
	    at: string;
	    count: number;
	    okCount: number;
	    degraded: number;
	    latencyMs: number;
	    maxMs: number;
	    code?: string;
	    state?: 'unknown' | 'up' | 'degraded' | 'down';
	}
	export interface Uptime {
	    pct: number;
	    samples: number;
	}
	export interface Card {
	    uptime24h: Uptime;
	    uptime7d: Uptime;
	    uptime30d: Uptime;
	    sparkline: Point[];
	    incidents: Incident[];
	    last?: Point;
	}
	
	
	export interface Series {
	    from: string;
	    to: string;
	    stepMs: number;
	    points: Point[];
	    incidents: Incident[];
	}
	
	export interface Warning {
	    code: string;
	    params: Record<string, string>;
	    movedTo: string;
	    detail: string;
	}

}

export namespace settings {
	
	export interface DatabaseURLParts {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    scheme: string;
	    hosts: string[];
	    database: string;
	    options: dbhealth.URIOption[];
	    hasUser: boolean;
	    hasPassword: boolean;
	    fieldErrors: Record<string, i18n.FieldError>;
	}
	export interface DeleteResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    deleted: boolean;
	    secretsRemoved: string[];
	    secretsLeft: string[];
	}
	export interface ImportChange {
	    name: string;
	    field: string;
	    secret: boolean;
	    status: 'new' | 'changed' | 'unchanged' | 'ignored';
	    old?: string;
	    new?: string;
	}
	export interface ImportPreview {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    fieldErrors: Record<string, i18n.FieldError>;
	    token: string;
	    changes: ImportChange[];
	}
	export interface ImportResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    fieldErrors: Record<string, i18n.FieldError>;
	    taken: string[];
	    ignored: string[];
	    stored: string[];
	    profile: profile.Profile;
	}
	export interface Outcome {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    fieldErrors: Record<string, i18n.FieldError>;
	}
	export interface ProfileResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    fieldErrors: Record<string, i18n.FieldError>;
	    profile: profile.Profile;
	}
	export interface ProfilesResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    profiles: profile.Profile[];
	    selectedId: string;
	    warning?: profile.LoadWarning;
	}
	export interface SecretStatusResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    source: string;
	    saved: Record<string, boolean>;
	    names: string[];
	}

}

export namespace sitevars {
	
	export interface Need {
	    name: string;
	    field: string;
	    secret: boolean;
	}
	export interface CardReadiness {
	    card: string;
	    enabled: boolean;
	    ready: boolean;
	    missing: string[];
	    needs: Need[];
	}
	
	export interface Readiness {
	    ok: boolean;
	    code: string;
	    message: string;
	    profileId: string;
	    database: CardReadiness;
	    atlas: CardReadiness;
	    realtime: CardReadiness;
	    revalidate: CardReadiness;
	    pages: CardReadiness;
	}

}

export namespace update {
	
	export interface Result {
	    code: string;
	    message: string;
	    current: string;
	    latest?: string;
	    name?: string;
	    notes?: string;
	    url?: string;
	    status?: number;
	    feedUrl: string;
	    checkedAt: string;
	    cached: boolean;
	    durationMs: number;
	}
	export interface Settings {
	    enabled: boolean;
	    feedUrl: string;
	}
	export interface SettingsResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    fieldErrors: Record<string, i18n.FieldError>;
	    settings: Settings;
	    defaultFeed: string;
	}

}

export namespace watch {
	
	export interface CheckSettings {
	    check: string;
	    enabled: boolean;
	    intervalSec: number;
	    degradedMs: number;
	}
	export interface Settings {
	    notify: boolean;
	    failuresToDown: number;
	    checks: CheckSettings[];
	}
	export interface Warning {
	    code: string;
	    params: Record<string, string>;
	    movedTo: string;
	    detail: string;
	}

}

