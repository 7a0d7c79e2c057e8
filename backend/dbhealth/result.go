// Package dbhealth checks the site's MongoDB database: can this profile's DATABASE_URL log in and read, how
// long a warm round trip takes, and (on request) how big the database is. One driver client is cached per
// profile so that the reported latency is a warm round trip, not a fresh DNS + TCP + TLS + SCRAM handshake.
package dbhealth

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"siyana/backend/check"
)

// Codes specific to the database check; shared ones (OK, NOT_CONFIGURED, TIMEOUT, UNREACHABLE, CANCELED,
// INTERNAL) come from package check.
const (
	CodeInvalidURI   = "INVALID_URI"
	CodeDNSNotFound  = "DNS_NOT_FOUND"
	CodeDNSError     = "DNS_ERROR"
	CodeUnauthorized = "UNAUTHORIZED"
	CodeTLSError     = "TLS_ERROR"
	CodeIPNotAllowed = "IP_NOT_ALLOWED"
	CodeDBError      = "DB_ERROR"
)

// Options tune one check. The zero value is a plain health check bounded by check.DefaultTimeout.
type Options struct {
	// Plan is the label the admin gave this database (profile.DBPlan, e.g. "M10"); echoed in the result.
	Plan string
	// Stats also runs dbStats (one more round trip); off by default because it is not free on big databases.
	Stats bool
	// Timeout bounds the whole check; zero means check.DefaultTimeout. The caller's deadline still wins if
	// it is earlier.
	Timeout time.Duration
}

// Stats are the dbStats figures of the URI's database. Sizes are bytes as reported by the server
// (FerretDB reports approximations).
type Stats struct {
	Collections int64 `json:"collections"` // number of collections
	Objects     int64 `json:"objects"`     // number of documents
	DataSize    int64 `json:"dataSize"`    // uncompressed data size, bytes
	StorageSize int64 `json:"storageSize"` // space allocated on disk for data, bytes
	IndexSize   int64 `json:"indexSize"`   // space used by indexes, bytes
}

// Result is the outcome of one database check. It never contains the URI or credentials.
type Result struct {
	OK      bool   `json:"ok"`      // the probe logged in and read the database
	Code    string `json:"code"`    // stable code: check.CodeOK or one of the Code* constants
	Message string `json:"message"` // Arabic sentence for the card, safe to show
	Hint    string `json:"hint"`    // Arabic next step for the admin; empty when OK

	// LatencyMs is one warm round trip of the probe on the reused client (what the site pays per query).
	LatencyMs float64 `json:"latencyMs"`
	// ConnectMs is what the client's first connection cost (SRV/DNS + TCP + TLS + handshake + SCRAM + the
	// first probe). On a reused client it is the figure from when that client was made (see ConnectedAt).
	ConnectMs float64 `json:"connectMs"`
	// Reused tells whether this check ran on a client cached by an earlier check (ConnectMs not re-paid).
	Reused bool `json:"reused"`
	// ConnectedAt is when the cached client made its first connection; zero if it never connected.
	ConnectedAt time.Time `json:"connectedAt" ts_type:"string"`

	DBName        string `json:"dbName"`        // database from the URI path ("" when the URI names none)
	Host          string `json:"host"`          // host list from the URI, without user or password
	SRV           bool   `json:"srv"`           // the URI is mongodb+srv (hosts come from DNS)
	Plan          string `json:"plan"`          // Options.Plan, echoed for the badge
	ServerVersion string `json:"serverVersion"` // from buildInfo at connect time; "" if unknown
	Stats         *Stats `json:"stats"`         // only when Options.Stats was set and dbStats succeeded

	CheckedAt  time.Time `json:"checkedAt" ts_type:"string"` // when the check started
	DurationMs float64   `json:"durationMs"`                 // wall time of the whole check
}

// messages maps each code to the Arabic message and hint shown on the card.
var messages = map[string][2]string{
	check.CodeOK: {"قاعدة البيانات تعمل وتم تسجيل الدخول بنجاح.", ""},
	check.CodeNotConfigured: {"رابط قاعدة البيانات غير مُعدّ لهذا الملف.",
		"أضف DATABASE_URL في إعدادات الملف الشخصي."},
	CodeInvalidURI: {"رابط قاعدة البيانات غير صالح.",
		"تأكد أن الرابط يبدأ بـ mongodb:// أو mongodb+srv:// وأن الرموز الخاصة في كلمة المرور مُرمَّزة (مثل %40 بدل @)."},
	CodeDNSNotFound: {"اسم خادم قاعدة البيانات غير موجود في DNS.",
		"انسخ رابط الاتصال من جديد من Atlas (Connect ← Drivers) وتأكد من اسم العنقود."},
	CodeDNSError: {"تعذّر الاستعلام عن DNS لخادم قاعدة البيانات.",
		"تحقق من اتصال الإنترنت أو من خادم DNS المحلي ثم أعد المحاولة."},
	CodeUnauthorized: {"رفض الخادم اسم المستخدم أو كلمة المرور، أو أن المستخدم لا يملك صلاحية القراءة.",
		"تحقق من المستخدم وكلمة المرور في Atlas (Database Access) ومن authSource وصلاحيات المستخدم على قاعدة البيانات."},
	CodeTLSError: {"فشل اتصال TLS مع خادم قاعدة البيانات.",
		"تأكد من إعداد tls في الرابط (Atlas يتطلب TLS) ومن صحة الشهادة واسم الخادم."},
	CodeIPNotAllowed: {"على الأرجح أن عنوان IP الخاص بك غير مسموح في قائمة الوصول في Atlas.",
		"أضف عنوانك الحالي في Atlas ← Network Access ثم أعد الفحص بعد دقيقة."},
	check.CodeUnreachable: {"تعذّر الوصول إلى خادم قاعدة البيانات.",
		"تحقق من العنوان والمنفذ ومن أن الخادم يعمل وأن الجدار الناري يسمح بالاتصال."},
	check.CodeTimeout: {"انتهت مهلة فحص قاعدة البيانات دون رد.",
		"قد يكون الخادم مشغولاً أو الشبكة بطيئة أو الاتصال محجوباً؛ أعد المحاولة أو تحقق من قائمة الوصول."},
	check.CodeCanceled: {"أُلغي فحص قاعدة البيانات.", ""},
	CodeDBError: {"أعاد خادم قاعدة البيانات خطأً.",
		"راجع حالة العنقود في Atlas وسجلات الخادم."},
	check.CodeInternal: {"حدث خطأ داخلي أثناء فحص قاعدة البيانات.",
		"أعد المحاولة؛ إن تكرر الخطأ فأبلغ عنه مع سجل التطبيق."},
}

// fill sets code, message and hint together so they never disagree.
func (r *Result) fill(code string) {
	r.Code = code
	r.OK = code == check.CodeOK
	m := messages[code]
	r.Message, r.Hint = m[0], m[1]
}

// uriHint is the INVALID_URI hint for a refused URI: it names the part and the character to encode, and
// how, never the URI or any of its text.
func uriHint(err error) string {
	var ue *URIError
	if !errors.As(err, &ue) {
		return messages[CodeInvalidURI][1]
	}
	c := charLabel(ue.Char)
	switch {
	case ue.After:
		return "يظهر الرمز @ بعد الرمز " + c + " في الرابط: إن كانت كلمة المرور (أو اسم المستخدم) تحتوي " + c +
			" فاستبدله بـ " + percent(ue.Char) + "، وإن كان @ في خيارات الرابط فاستبدله بـ %40."
	case ue.Char == '%' && (ue.Part == PartPassword || ue.Part == PartUser):
		return partLabel(ue.Part) + " تحتوي الرمز «%» غير متبوع برمزين ست عشريين: استبدله بـ %25 إن كان جزءاً منها."
	case ue.Char != noChar && (ue.Part == PartPassword || ue.Part == PartUser):
		return partLabel(ue.Part) + " تحتوي " + c + " دون ترميز: استبدله بـ " + percent(ue.Char) +
			" (رمّز كل رمز خاص فيها، مثل %40 بدل @) ثم احفظ الرابط من جديد."
	case ue.Part == PartHost && ue.Char == ',':
		return "رابط mongodb+srv يقبل اسم عنقود واحداً بلا منفذ؛ للخوادم المتعددة استعمل mongodb://."
	case ue.Part == PartHost && ue.Char == ':':
		return "رابط mongodb+srv لا يقبل رقم منفذ بعد اسم العنقود؛ احذفه."
	case ue.Part == PartHost:
		return "عنوان الخادم في الرابط غير صالح: اكتب host:port (منفذ بين 1 و65535) وافصل الخوادم بفاصلة."
	case ue.Char == '#':
		return "الرابط يحتوي الرمز «#» دون ترميز: استبدله بـ %23."
	case ue.Part == PartDatabase:
		return "اسم قاعدة البيانات بعد / في الرابط غير صالح: لا يقبل / \\ . $ \" ولا المسافات."
	case ue.Part == PartOptions:
		return "ضع / قبل ? في الرابط (مثل mongodb://host/?retryWrites=true)."
	}
	return messages[CodeInvalidURI][1]
}

func partLabel(p URIPart) string {
	if p == PartUser {
		return "اسم المستخدم في الرابط"
	}
	return "كلمة المرور في الرابط"
}

// charLabel names a character for the card: printable ones between guillemets, others by name and code
// point (a space or a control character would be invisible).
func charLabel(r rune) string {
	switch {
	case r == ' ':
		return "مسافة"
	case unicode.IsGraphic(r) && !unicode.IsSpace(r) && r != utf8.RuneError:
		return "«" + string(r) + "»"
	case r == utf8.RuneError:
		return "بايتات UTF-8 غير صالحة"
	}
	return fmt.Sprintf("حرفاً غير مرئي (U+%04X)", r)
}

// percent is the percent-encoding of r as the drivers decode it.
func percent(r rune) string {
	if r == utf8.RuneError {
		return "ترميزها"
	}
	var b strings.Builder
	for _, c := range []byte(string(r)) {
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
