export namespace atlas {
	
	export class Phases {
	    dnsMs: number;
	    connectMs: number;
	    tlsMs: number;
	    firstByteMs: number;
	    reused: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Phases(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dnsMs = source["dnsMs"];
	        this.connectMs = source["connectMs"];
	        this.tlsMs = source["tlsMs"];
	        this.firstByteMs = source["firstByteMs"];
	        this.reused = source["reused"];
	    }
	}
	export class Result {
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
	    // Go type: time
	    checkedAt: any;
	    durationMs: number;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.hint = source["hint"];
	        this.params = source["params"];
	        this.clusterName = source["clusterName"];
	        this.instanceSize = source["instanceSize"];
	        this.provider = source["provider"];
	        this.backingProvider = source["backingProvider"];
	        this.flex = source["flex"];
	        this.state = source["state"];
	        this.mongoDBVersion = source["mongoDBVersion"];
	        this.paused = source["paused"];
	        this.httpStatus = source["httpStatus"];
	        this.atlasErrorCode = source["atlasErrorCode"];
	        this.retryAfterSeconds = source["retryAfterSeconds"];
	        this.phases = this.convertValues(source["phases"], Phases);
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	        this.durationMs = source["durationMs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace buildinfo {
	
	export class Info {
	    version: string;
	    commit: string;
	    date: string;
	    goVersion: string;
	    os: string;
	    arch: string;
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.commit = source["commit"];
	        this.date = source["date"];
	        this.goVersion = source["goVersion"];
	        this.os = source["os"];
	        this.arch = source["arch"];
	    }
	}

}

export namespace dbhealth {
	
	export class Stats {
	    collections: number;
	    objects: number;
	    dataSize: number;
	    storageSize: number;
	    indexSize: number;
	
	    static createFrom(source: any = {}) {
	        return new Stats(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.collections = source["collections"];
	        this.objects = source["objects"];
	        this.dataSize = source["dataSize"];
	        this.storageSize = source["storageSize"];
	        this.indexSize = source["indexSize"];
	    }
	}
	export class Result {
	    ok: boolean;
	    code: string;
	    message: string;
	    hint: string;
	    params: Record<string, string>;
	    latencyMs: number;
	    connectMs: number;
	    reused: boolean;
	    // Go type: time
	    connectedAt: any;
	    dbName: string;
	    host: string;
	    srv: boolean;
	    plan: string;
	    serverVersion: string;
	    stats?: Stats;
	    // Go type: time
	    checkedAt: any;
	    durationMs: number;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.hint = source["hint"];
	        this.params = source["params"];
	        this.latencyMs = source["latencyMs"];
	        this.connectMs = source["connectMs"];
	        this.reused = source["reused"];
	        this.connectedAt = this.convertValues(source["connectedAt"], null);
	        this.dbName = source["dbName"];
	        this.host = source["host"];
	        this.srv = source["srv"];
	        this.plan = source["plan"];
	        this.serverVersion = source["serverVersion"];
	        this.stats = this.convertValues(source["stats"], Stats);
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	        this.durationMs = source["durationMs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace diagnostics {
	
	export class Redaction {
	    where: string;
	    kind: string;
	    secret?: string;
	    form?: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new Redaction(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.where = source["where"];
	        this.kind = source["kind"];
	        this.secret = source["secret"];
	        this.form = source["form"];
	        this.count = source["count"];
	    }
	}

}

export namespace i18n {
	
	export class FieldError {
	    code: string;
	    params?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new FieldError(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.params = source["params"];
	    }
	}

}

export namespace main {
	
	export class DiagnosticsResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    json: string;
	    redactions: diagnostics.Redaction[];
	    path: string;
	    // Go type: time
	    checkedAt: any;
	    durationMs: number;
	
	    static createFrom(source: any = {}) {
	        return new DiagnosticsResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.json = source["json"];
	        this.redactions = this.convertValues(source["redactions"], diagnostics.Redaction);
	        this.path = source["path"];
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	        this.durationMs = source["durationMs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LanguageResult {
	    ok: boolean;
	    code: string;
	    language: string;
	    languages: string[];
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new LanguageResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.language = source["language"];
	        this.languages = source["languages"];
	        this.message = source["message"];
	    }
	}

}

export namespace profile {
	
	export class Atlas {
	    groupId: string;
	    clusterName: string;
	
	    static createFrom(source: any = {}) {
	        return new Atlas(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.groupId = source["groupId"];
	        this.clusterName = source["clusterName"];
	    }
	}
	export class Features {
	    dbStats: boolean;
	    atlasLookup: boolean;
	    verifyPaths: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Features(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dbStats = source["dbStats"];
	        this.atlasLookup = source["atlasLookup"];
	        this.verifyPaths = source["verifyPaths"];
	    }
	}
	export class LoadWarning {
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    movedTo: string;
	    detail: string;
	
	    static createFrom(source: any = {}) {
	        return new LoadWarning(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.movedTo = source["movedTo"];
	        this.detail = source["detail"];
	    }
	}
	export class Revalidation {
	    tags: string[];
	    paths: string[];
	    cooldownSeconds: number;
	
	    static createFrom(source: any = {}) {
	        return new Revalidation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tags = source["tags"];
	        this.paths = source["paths"];
	        this.cooldownSeconds = source["cooldownSeconds"];
	    }
	}
	export class Pusher {
	    appId: string;
	    key: string;
	    cluster: string;
	    publicKey: string;
	    publicCluster: string;
	    host?: string;
	    insecure?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Pusher(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.appId = source["appId"];
	        this.key = source["key"];
	        this.cluster = source["cluster"];
	        this.publicKey = source["publicKey"];
	        this.publicCluster = source["publicCluster"];
	        this.host = source["host"];
	        this.insecure = source["insecure"];
	    }
	}
	export class Profile {
	    id: string;
	    name: string;
	    kind: string;
	    siteUrl: string;
	    instanceUrls: string[];
	    actor: string;
	    dbPlan: string;
	    pusher: Pusher;
	    atlas: Atlas;
	    revalidation: Revalidation;
	    features: Features;
	    savedSecrets: string[];
	    revalidateSecretOrigins: string[];
	
	    static createFrom(source: any = {}) {
	        return new Profile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.siteUrl = source["siteUrl"];
	        this.instanceUrls = source["instanceUrls"];
	        this.actor = source["actor"];
	        this.dbPlan = source["dbPlan"];
	        this.pusher = this.convertValues(source["pusher"], Pusher);
	        this.atlas = this.convertValues(source["atlas"], Atlas);
	        this.revalidation = this.convertValues(source["revalidation"], Revalidation);
	        this.features = this.convertValues(source["features"], Features);
	        this.savedSecrets = source["savedSecrets"];
	        this.revalidateSecretOrigins = source["revalidateSecretOrigins"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	

}

export namespace realtime {
	
	export class CredentialsResult {
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
	
	    static createFrom(source: any = {}) {
	        return new CredentialsResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.httpStatus = source["httpStatus"];
	        this.bodyStatus = source["bodyStatus"];
	        this.serverMessage = source["serverMessage"];
	        this.missing = source["missing"];
	        this.clockChecked = source["clockChecked"];
	        this.clockSkewSec = source["clockSkewSec"];
	        this.warning = source["warning"];
	        this.requestMs = source["requestMs"];
	        this.connectMs = source["connectMs"];
	        this.tlsMs = source["tlsMs"];
	        this.firstByteMs = source["firstByteMs"];
	        this.endpoint = source["endpoint"];
	        this.checkedAt = source["checkedAt"];
	        this.durationMs = source["durationMs"];
	    }
	}
	export class LiveTestResult {
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
	
	    static createFrom(source: any = {}) {
	        return new LiveTestResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.stage = source["stage"];
	        this.latencyMs = source["latencyMs"];
	        this.connectMs = source["connectMs"];
	        this.subscribeMs = source["subscribeMs"];
	        this.triggerMs = source["triggerMs"];
	        this.deliveryMs = source["deliveryMs"];
	        this.socketId = source["socketId"];
	        this.wsCloseCode = source["wsCloseCode"];
	        this.httpStatus = source["httpStatus"];
	        this.serverMessage = source["serverMessage"];
	        this.missing = source["missing"];
	        this.checkedAt = source["checkedAt"];
	        this.durationMs = source["durationMs"];
	    }
	}
	export class Problem {
	    code: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	    }
	}
	export class PresenceResult {
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
	
	    static createFrom(source: any = {}) {
	        return new PresenceResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.missing = source["missing"];
	        this.problems = this.convertValues(source["problems"], Problem);
	        this.canValidate = source["canValidate"];
	        this.canLiveTest = source["canLiveTest"];
	        this.reason = source["reason"];
	        this.checkedAt = source["checkedAt"];
	        this.durationMs = source["durationMs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace revalidate {
	
	export class VerifyResult {
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
	
	    static createFrom(source: any = {}) {
	        return new VerifyResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.instance = source["instance"];
	        this.state = source["state"];
	        this.cacheBefore = source["cacheBefore"];
	        this.cacheAfter = source["cacheAfter"];
	        this.etagChanged = source["etagChanged"];
	        this.bodyChanged = source["bodyChanged"];
	        this.httpStatus = source["httpStatus"];
	        this.attempts = source["attempts"];
	        this.reason = source["reason"];
	        this.note = source["note"];
	        this.durationMs = source["durationMs"];
	    }
	}
	export class InstanceResult {
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
	
	    static createFrom(source: any = {}) {
	        return new InstanceResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.url = source["url"];
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.reason = source["reason"];
	        this.message = source["message"];
	        this.httpStatus = source["httpStatus"];
	        this.nextVersion = source["nextVersion"];
	        this.requests = source["requests"];
	        this.durationMs = source["durationMs"];
	        this.retryAfterSeconds = source["retryAfterSeconds"];
	    }
	}
	export class ItemInstance {
	    url: string;
	    ok: boolean;
	    reason?: string;
	    error?: string;
	
	    static createFrom(source: any = {}) {
	        return new ItemInstance(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.url = source["url"];
	        this.ok = source["ok"];
	        this.reason = source["reason"];
	        this.error = source["error"];
	    }
	}
	export class ItemResult {
	    item: string;
	    kind: string;
	    type?: string;
	    ok: boolean;
	    code?: string;
	    reason?: string;
	    params?: Record<string, string>;
	    error?: string;
	    instances?: ItemInstance[];
	
	    static createFrom(source: any = {}) {
	        return new ItemResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.item = source["item"];
	        this.kind = source["kind"];
	        this.type = source["type"];
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.reason = source["reason"];
	        this.params = source["params"];
	        this.error = source["error"];
	        this.instances = this.convertValues(source["instances"], ItemInstance);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PathSpec {
	    path: string;
	    type?: string;
	
	    static createFrom(source: any = {}) {
	        return new PathSpec(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.type = source["type"];
	    }
	}
	export class LogEntry {
	    // Go type: time
	    ts: any;
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
	
	    static createFrom(source: any = {}) {
	        return new LogEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ts = this.convertValues(source["ts"], null);
	        this.runId = source["runId"];
	        this.profileId = source["profileId"];
	        this.actor = source["actor"];
	        this.kind = source["kind"];
	        this.mode = source["mode"];
	        this.tags = source["tags"];
	        this.paths = this.convertValues(source["paths"], PathSpec);
	        this.itemCount = source["itemCount"];
	        this.result = source["result"];
	        this.code = source["code"];
	        this.durationMs = source["durationMs"];
	        this.errors = this.convertValues(source["errors"], ItemResult);
	        this.instances = this.convertValues(source["instances"], InstanceResult);
	        this.verify = this.convertValues(source["verify"], VerifyResult);
	        this.nextVersion = source["nextVersion"];
	        this.retryOf = source["retryOf"];
	        this.truncated = source["truncated"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class History {
	    ok: boolean;
	    code: string;
	    message: string;
	    reason?: string;
	    entries: LogEntry[];
	    skippedLines: number;
	    // Go type: time
	    checkedAt: any;
	    durationMs: number;
	
	    static createFrom(source: any = {}) {
	        return new History(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.reason = source["reason"];
	        this.entries = this.convertValues(source["entries"], LogEntry);
	        this.skippedLines = source["skippedLines"];
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	        this.durationMs = source["durationMs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	export class OriginChange {
	    saved: string[];
	    current: string[];
	
	    static createFrom(source: any = {}) {
	        return new OriginChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.saved = source["saved"];
	        this.current = source["current"];
	    }
	}
	
	export class Progress {
	    runId: string;
	    profileId: string;
	    step: number;
	    steps: number;
	    done: number;
	    total: number;
	    failed: number;
	    current: string;
	    phase: string;
	
	    static createFrom(source: any = {}) {
	        return new Progress(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.runId = source["runId"];
	        this.profileId = source["profileId"];
	        this.step = source["step"];
	        this.steps = source["steps"];
	        this.done = source["done"];
	        this.total = source["total"];
	        this.failed = source["failed"];
	        this.current = source["current"];
	        this.phase = source["phase"];
	    }
	}
	export class Result {
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
	    // Go type: time
	    startedAt: any;
	    durationMs: number;
	    // Go type: time
	    checkedAt: any;
	    originChange?: OriginChange;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.logFailed = source["logFailed"];
	        this.runId = source["runId"];
	        this.kind = source["kind"];
	        this.mode = source["mode"];
	        this.dryRun = source["dryRun"];
	        this.result = source["result"];
	        this.items = this.convertValues(source["items"], ItemResult);
	        this.instances = this.convertValues(source["instances"], InstanceResult);
	        this.verify = this.convertValues(source["verify"], VerifyResult);
	        this.nextVersion = source["nextVersion"];
	        this.retryAfterSeconds = source["retryAfterSeconds"];
	        this.retryOf = source["retryOf"];
	        this.startedAt = this.convertValues(source["startedAt"], null);
	        this.durationMs = source["durationMs"];
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	        this.originChange = this.convertValues(source["originChange"], OriginChange);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Status {
	    profileId: string;
	    running: boolean;
	    runId: string;
	    progress?: Progress;
	    cooldownSeconds: number;
	    // Go type: time
	    cooldownUntil: any;
	    nextVersion: string;
	    // Go type: time
	    checkedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.profileId = source["profileId"];
	        this.running = source["running"];
	        this.runId = source["runId"];
	        this.progress = this.convertValues(source["progress"], Progress);
	        this.cooldownSeconds = source["cooldownSeconds"];
	        this.cooldownUntil = this.convertValues(source["cooldownUntil"], null);
	        this.nextVersion = source["nextVersion"];
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Validated {
	    tags: string[];
	    paths: PathSpec[];
	    invalid: ItemResult[];
	    dropped: number;
	
	    static createFrom(source: any = {}) {
	        return new Validated(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tags = source["tags"];
	        this.paths = this.convertValues(source["paths"], PathSpec);
	        this.invalid = this.convertValues(source["invalid"], ItemResult);
	        this.dropped = source["dropped"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace settings {
	
	export class DeleteResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    deleted: boolean;
	    secretsRemoved: string[];
	    secretsLeft: string[];
	
	    static createFrom(source: any = {}) {
	        return new DeleteResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.deleted = source["deleted"];
	        this.secretsRemoved = source["secretsRemoved"];
	        this.secretsLeft = source["secretsLeft"];
	    }
	}
	export class ImportResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    fieldErrors: Record<string, i18n.FieldError>;
	    taken: string[];
	    ignored: string[];
	    stored: string[];
	    profile: profile.Profile;
	
	    static createFrom(source: any = {}) {
	        return new ImportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.fieldErrors = this.convertValues(source["fieldErrors"], i18n.FieldError, true);
	        this.taken = source["taken"];
	        this.ignored = source["ignored"];
	        this.stored = source["stored"];
	        this.profile = this.convertValues(source["profile"], profile.Profile);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Outcome {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    fieldErrors: Record<string, i18n.FieldError>;
	
	    static createFrom(source: any = {}) {
	        return new Outcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.fieldErrors = this.convertValues(source["fieldErrors"], i18n.FieldError, true);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ProfileResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    fieldErrors: Record<string, i18n.FieldError>;
	    profile: profile.Profile;
	
	    static createFrom(source: any = {}) {
	        return new ProfileResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.fieldErrors = this.convertValues(source["fieldErrors"], i18n.FieldError, true);
	        this.profile = this.convertValues(source["profile"], profile.Profile);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ProfilesResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    profiles: profile.Profile[];
	    selectedId: string;
	    warning?: profile.LoadWarning;
	
	    static createFrom(source: any = {}) {
	        return new ProfilesResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.profiles = this.convertValues(source["profiles"], profile.Profile);
	        this.selectedId = source["selectedId"];
	        this.warning = this.convertValues(source["warning"], profile.LoadWarning);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SecretStatusResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    params: Record<string, string>;
	    source: string;
	    saved: Record<string, boolean>;
	
	    static createFrom(source: any = {}) {
	        return new SecretStatusResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.params = source["params"];
	        this.source = source["source"];
	        this.saved = source["saved"];
	    }
	}

}

export namespace update {
	
	export class Result {
	    code: string;
	    message: string;
	    current: string;
	    latest?: string;
	    name?: string;
	    notes?: string;
	    url?: string;
	    status?: number;
	    feedUrl: string;
	    // Go type: time
	    checkedAt: any;
	    cached: boolean;
	    durationMs: number;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	        this.current = source["current"];
	        this.latest = source["latest"];
	        this.name = source["name"];
	        this.notes = source["notes"];
	        this.url = source["url"];
	        this.status = source["status"];
	        this.feedUrl = source["feedUrl"];
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	        this.cached = source["cached"];
	        this.durationMs = source["durationMs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Settings {
	    enabled: boolean;
	    feedUrl: string;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.enabled = source["enabled"];
	        this.feedUrl = source["feedUrl"];
	    }
	}
	export class SettingsResult {
	    ok: boolean;
	    code: string;
	    message: string;
	    fieldErrors: Record<string, i18n.FieldError>;
	    settings: Settings;
	    defaultFeed: string;
	
	    static createFrom(source: any = {}) {
	        return new SettingsResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.fieldErrors = this.convertValues(source["fieldErrors"], i18n.FieldError, true);
	        this.settings = this.convertValues(source["settings"], Settings);
	        this.defaultFeed = source["defaultFeed"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

