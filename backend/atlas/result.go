// Package atlas asks the MongoDB Atlas Administration API (v2) what the site's cluster is: tier, provider,
// state, version, paused. It authenticates with an API key pair over HTTP Digest (Atlas rejects Basic).
package atlas

import (
	"time"

	"siyana/backend/check"
)

// Codes specific to the Atlas lookup; NOT_CONFIGURED, TIMEOUT, UNREACHABLE, CANCELED and INTERNAL come from
// package check.
const (
	CodeInvalidConfig   = "INVALID_CONFIG"
	CodeUnauthorized    = "ATLAS_UNAUTHORIZED"
	CodeIPNotAllowed    = "ATLAS_IP_NOT_ALLOWED"
	CodeClusterNotFound = "CLUSTER_NOT_FOUND"
	CodeProjectNotFound = "PROJECT_NOT_FOUND"
	CodeRateLimited     = "RATE_LIMITED"
	CodeAtlasError      = "ATLAS_ERROR"
)

// Phases are where the time of the lookup went, from net/http/httptrace. DNS, connect and TLS are zero when
// a kept-alive connection was reused; FirstByte is the wait for the answer to the authenticated request.
type Phases struct {
	DNSMs       float64 `json:"dnsMs"`       // name resolution
	ConnectMs   float64 `json:"connectMs"`   // TCP connect
	TLSMs       float64 `json:"tlsMs"`       // TLS handshake
	FirstByteMs float64 `json:"firstByteMs"` // request written → first response byte (server time + one RTT)
	Reused      bool    `json:"reused"`      // the connection was kept alive from an earlier lookup
}

// Result is the outcome of one Atlas lookup. It never contains the API keys.
type Result struct {
	OK      bool   `json:"ok"`      // the cluster was found and described
	Code    string `json:"code"`    // stable code: check.CodeOK or one of the Code* constants
	Message string `json:"message"` // Arabic sentence for the card
	Hint    string `json:"hint"`    // Arabic next step; empty when OK

	ClusterName     string `json:"clusterName"`     // as configured
	InstanceSize    string `json:"instanceSize"`    // "M10", "M0", ...; "FLEX" for Flex clusters
	Provider        string `json:"provider"`        // AWS, GCP, AZURE, TENANT (shared tiers) or FLEX
	BackingProvider string `json:"backingProvider"` // the cloud under TENANT/FLEX; "" otherwise
	Flex            bool   `json:"flex"`            // answered by the flexClusters API
	State           string `json:"state"`           // stateName: IDLE, CREATING, UPDATING, DELETING, REPAIRING
	MongoDBVersion  string `json:"mongoDBVersion"`  // e.g. "7.0.15"
	Paused          bool   `json:"paused"`          // a paused cluster refuses connections

	HTTPStatus        int    `json:"httpStatus"`        // status of the last API answer; 0 if none
	AtlasErrorCode    string `json:"atlasErrorCode"`    // errorCode from Atlas's error body, e.g. CLUSTER_NOT_FOUND
	RetryAfterSeconds int    `json:"retryAfterSeconds"` // with RATE_LIMITED: wait this long; 0 if unknown
	Phases            Phases `json:"phases"`            // timings of the last request

	CheckedAt  time.Time `json:"checkedAt" ts_type:"string"` // when the lookup started
	DurationMs float64   `json:"durationMs"`                 // wall time of the whole lookup (all requests)
}

var messages = map[string][2]string{
	check.CodeOK: {"تم جلب معلومات العنقود من Atlas.", ""},
	check.CodeNotConfigured: {"بيانات Atlas غير مكتملة لهذا الملف.",
		"أدخل معرّف المشروع واسم العنقود ومفتاحي API (العام والخاص) في إعدادات الملف الشخصي."},
	CodeInvalidConfig: {"معرّف المشروع أو اسم العنقود غير صالح.",
		"معرّف المشروع 24 خانة ست عشرية (من رابط المشروع في Atlas)، واسم العنقود حروف لاتينية وأرقام وشرطات فقط."},
	CodeUnauthorized: {"رفض Atlas مفتاح API أو أن المفتاح لا يملك صلاحية على هذا المشروع.",
		"تحقق من المفتاحين العام والخاص ومن منح المفتاح دور Project Read Only على الأقل."},
	CodeIPNotAllowed: {"عنوان IP الخاص بك غير مسموح في قائمة الوصول لمفتاح API.",
		"أضف عنوانك في Atlas ← Access Manager ← API Keys ← قائمة الوصول الخاصة بالمفتاح."},
	CodeClusterNotFound: {"لم يُعثر على العنقود في هذا المشروع.",
		"تحقق من اسم العنقود كما يظهر في Atlas (حساس لحالة الأحرف)."},
	CodeProjectNotFound: {"لم يُعثر على المشروع أو أن المفتاح لا يراه.",
		"تحقق من معرّف المشروع (Project ID) في إعدادات المشروع في Atlas."},
	CodeRateLimited: {"تجاوزت حدّ الطلبات المسموح في Atlas API.",
		"انتظر قليلاً ثم أعد المحاولة."},
	CodeAtlasError: {"أعاد Atlas خطأً غير متوقع.",
		"أعد المحاولة لاحقاً وراجع صفحة حالة MongoDB Atlas."},
	check.CodeTimeout: {"انتهت مهلة الاتصال بـ Atlas API.",
		"تحقق من اتصال الإنترنت ثم أعد المحاولة."},
	check.CodeUnreachable: {"تعذّر الوصول إلى Atlas API.",
		"تحقق من اتصال الإنترنت أو إعدادات الوكيل والجدار الناري."},
	check.CodeCanceled: {"أُلغي الاستعلام من Atlas.", ""},
	check.CodeInternal: {"حدث خطأ داخلي أثناء الاستعلام من Atlas.",
		"أعد المحاولة؛ إن تكرر الخطأ فأبلغ عنه مع سجل التطبيق."},
}

func (r *Result) fill(code string) {
	r.Code = code
	r.OK = code == check.CodeOK
	m := messages[code]
	r.Message, r.Hint = m[0], m[1]
}
