// Package realtime checks a site's Pusher Channels setup the way the site uses it: the settings are present and
// consistent (Presence), the server credentials are accepted by the REST API (ValidateCredentials), and an
// event triggered with the server credentials reaches a browser-like WebSocket client that connected with the
// public key (LiveTest). Every check returns a result with a stable code and an actionable Arabic message.
package realtime

import (
	"siyana/backend/check"
)

// Codes specific to Pusher. The shared ones (OK, TIMEOUT, UNREACHABLE, CANCELED, INTERNAL) come from check.
const (
	CodeOK          = check.CodeOK
	CodeTimeout     = check.CodeTimeout
	CodeUnreachable = check.CodeUnreachable
	CodeCanceled    = check.CodeCanceled
	CodeInternal    = check.CodeInternal

	// Settings (Presence, and the guard of the network checks).
	CodeMissingConfig   = "MISSING_CONFIG"
	CodeKeyMismatch     = "KEY_MISMATCH"
	CodeClusterMismatch = "CLUSTER_MISMATCH" // also WebSocket 4001 "not in this cluster"

	// REST API (ValidateCredentials, and the trigger inside LiveTest).
	CodeInvalidSecret       = "INVALID_SECRET"
	CodeClockSkew           = "CLOCK_SKEW"
	CodeInvalidKeyOrCluster = "INVALID_KEY_OR_CLUSTER"
	CodeAppNotFound         = "APP_NOT_FOUND"
	CodeForbidden           = "FORBIDDEN"
	CodePayloadTooLarge     = "PAYLOAD_TOO_LARGE"
	CodeUnexpectedResponse  = "UNEXPECTED_RESPONSE"

	// WebSocket (LiveTest).
	CodeAppKeyNotFound    = "APP_KEY_NOT_FOUND"
	CodeAppDisabled       = "APP_DISABLED"
	CodeConnectionQuota   = "CONNECTION_QUOTA"
	CodeUnauthorized      = "UNAUTHORIZED"
	CodeServiceBusyRetry  = "SERVICE_BUSY_RETRY"
	CodeProtocolError     = "PROTOCOL_ERROR"
	CodeHandshakeFailed   = "HANDSHAKE_FAILED"
	CodeSubscribeFailed   = "SUBSCRIBE_FAILED"
	CodeEventNotReceived  = "EVENT_NOT_RECEIVED"
	CodeConnectionDropped = "CONNECTION_DROPPED"
)

// The health channel and event. A public channel, so the live test needs no auth endpoint on the site.
const (
	HealthChannel = "maintenance-health"
	HealthEvent   = "health-ping"
)

// messages holds the Arabic text per code. Each says what is wrong and what to change, because the admin
// reading it is fixing an .env file or a dashboard setting, not reading a stack trace.
var messages = map[string]string{
	CodeOK:              "Pusher يعمل: تم قبول بيانات الاعتماد.",
	CodeTimeout:         "انتهت المهلة قبل أن يرد خادم Pusher. تحقّق من اتصال الشبكة أو جدار الحماية ثم أعد المحاولة.",
	CodeUnreachable:     "تعذّر الوصول إلى خادم Pusher. تحقّق من اتصال الإنترنت ومن قيمة PUSHER_CLUSTER أو عنوان الخادم المخصّص.",
	CodeCanceled:        "أُلغي الفحص قبل اكتماله.",
	CodeInternal:        "حدث خطأ داخلي غير متوقّع أثناء الفحص. أعد المحاولة، وإن تكرّر فأرسل سجلّ التطبيق للدعم.",
	CodeMissingConfig:   "إعدادات Pusher ناقصة. أكمل القيم المذكورة في ملف البيئة أو في إعدادات الملف الشخصي.",
	CodeKeyMismatch:     "المفتاح العام NEXT_PUBLIC_PUSHER_KEY لا يطابق مفتاح الخادم PUSHER_KEY. انسخ قيمة PUSHER_KEY نفسها إلى NEXT_PUBLIC_PUSHER_KEY ثم أعد بناء الموقع ونشره.",
	CodeClusterMismatch: "المنطقة العامة NEXT_PUBLIC_PUSHER_CLUSTER لا تطابق منطقة الخادم PUSHER_CLUSTER. اجعل القيمتين مطابقتين لمنطقة التطبيق في لوحة Pusher (مثل eu أو mt1) ثم أعد بناء الموقع ونشره.",

	CodeInvalidSecret:       "رفض Pusher التوقيع (401): قيمة PUSHER_SECRET غير صحيحة لهذا التطبيق. انسخ السرّ من لوحة Pusher (App Keys) واحفظه من جديد.",
	CodeClockSkew:           "رفض Pusher الطلب لأن ساعة هذا الجهاز تختلف عن ساعة الخادم بأكثر من 10 دقائق. فعّل ضبط الوقت التلقائي في النظام ثم أعد المحاولة.",
	CodeInvalidKeyOrCluster: "لا يعرف Pusher المفتاح PUSHER_KEY في هذه المنطقة: إمّا أن المفتاح خاطئ أو أن PUSHER_CLUSTER لا يطابق منطقة التطبيق. قارن القيمتين بصفحة App Keys في لوحة Pusher.",
	CodeAppNotFound:         "لم يُعثر على التطبيق (404): قيمة PUSHER_APP_ID غير صحيحة. انسخ app_id من لوحة Pusher.",
	CodeForbidden:           "رفض Pusher الطلب (403): التطبيق معطّل أو تجاوز حصة الرسائل اليومية. فعّل التطبيق أو راجع الخطة والاستهلاك في لوحة Pusher.",
	CodePayloadTooLarge:     "رفض Pusher الحدث لأن حجمه يتجاوز الحدّ المسموح (10 كيلوبايت).",
	CodeUnexpectedResponse:  "ردّ خادم Pusher بردّ غير متوقّع. راجع التفاصيل وحالة الخدمة ثم أعد المحاولة.",

	CodeAppKeyNotFound:    "رفض خادم الاتصال الفوري المفتاح العام (4001): NEXT_PUBLIC_PUSHER_KEY لا يخصّ أيّ تطبيق. انسخ المفتاح من لوحة Pusher ثم أعد بناء الموقع.",
	CodeAppDisabled:       "التطبيق معطّل في Pusher (4003): لن يتلقّى الزوّار أيّ تحديث فوري. فعّله من لوحة Pusher.",
	CodeConnectionQuota:   "بلغ التطبيق الحدّ الأقصى للاتصالات المتزامنة: ترقَّ الخطة أو خفّف عدد الاتصالات المفتوحة ثم أعد المحاولة.",
	CodeUnauthorized:      "رفض الخادم الاتصال لأنه غير مخوّل (4009). تحقّق من إعدادات التفويض في الموقع.",
	CodeServiceBusyRetry:  "خادم Pusher مشغول مؤقتًا وطلب إعادة الاتصال. أعد المحاولة بعد لحظات.",
	CodeProtocolError:     "رفض الخادم الاتصال بسبب خطأ في البروتوكول. تحقّق من أن العنوان المخصّص يشير إلى خادم متوافق مع Pusher.",
	CodeHandshakeFailed:   "فشلت مصافحة WebSocket مع الخادم. تحقّق من العنوان المخصّص ومن أنه خادم متوافق مع Pusher.",
	CodeSubscribeFailed:   "رفض الخادم الاشتراك في قناة الفحص maintenance-health.",
	CodeEventNotReceived:  "قُبل الحدث في الخادم لكنه لم يصل إلى المتصفّح خلال المهلة. السبب الأرجح: المفتاح العام NEXT_PUBLIC_PUSHER_KEY يخصّ تطبيقًا آخر غير تطبيق PUSHER_APP_ID.",
	CodeConnectionDropped: "انقطع اتصال WebSocket قبل اكتمال الفحص. أعد المحاولة.",
}

// Message returns the Arabic message for a code (the INTERNAL one for an unknown code).
func Message(code string) string {
	if m, ok := messages[code]; ok {
		return m
	}
	return messages[CodeInternal]
}
