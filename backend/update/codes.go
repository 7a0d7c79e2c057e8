package update

// Result codes: stable strings the UI maps to labels (frontend/src/i18n/ar/update.ts) and tests assert on.
const (
	CodeUpdateAvailable = "UPDATE_AVAILABLE" // a newer release is out
	CodeUpToDate        = "UP_TO_DATE"       // the running version is the newest (or the feed lists none)
	CodeDisabled        = "DISABLED"         // the admin has not turned the notice on: nothing was asked
	CodeVersionUnknown  = "VERSION_UNKNOWN"  // this build has no release version (a development build)
	CodeFeedMalformed   = "FEED_MALFORMED"   // the answer is not a release list
	CodeFeedTooLarge    = "FEED_TOO_LARGE"   // the answer is larger than MaxFeedBytes
	CodeFeedStatus      = "FEED_HTTP_STATUS" // the feed answered with another status than 200
	CodeFeedTimeout     = "FEED_TIMEOUT"     // no full answer before the deadline
	CodeFeedUnreachable = "FEED_UNREACHABLE" // no connection (DNS, refused, TLS, offline)
	CodeCanceled        = "CANCELED"         // the app was closing
	CodeInvalidInput    = "INVALID_INPUT"    // a setting was refused; nothing changed
	CodeSaved           = "OK"               // settings saved
	CodeStoreFailed     = "SETTINGS_UNWRITABLE"
)

// messages are the Arabic sentences beside each code, safe to show as they are.
var messages = map[string]string{
	CodeUpdateAvailable: "إصدار أحدث من صيانة متاح.",
	CodeUpToDate:        "تستخدم أحدث إصدار من صيانة.",
	CodeDisabled:        "التحقق من التحديثات متوقف. يمكنك تشغيله من الإعدادات.",
	CodeVersionUnknown:  "هذه نسخة تطوير بلا رقم إصدار، فلا يمكن مقارنتها بالإصدارات المنشورة.",
	CodeFeedMalformed:   "ردّ مصدر الإصدارات ليس قائمة إصدارات صالحة.",
	CodeFeedTooLarge:    "ردّ مصدر الإصدارات أكبر من المسموح، فلم يُقرأ.",
	CodeFeedStatus:      "ردّ مصدر الإصدارات بخطأ.",
	CodeFeedTimeout:     "لم يردّ مصدر الإصدارات في الوقت المحدد. سنحاول مجددًا لاحقًا.",
	CodeFeedUnreachable: "تعذّر الوصول إلى مصدر الإصدارات. تحقق من الاتصال بالإنترنت.",
	CodeCanceled:        "أُلغي التحقق.",
	CodeInvalidInput:    "لم يُحفظ شيء: رابط مصدر الإصدارات غير صالح.",
	CodeSaved:           "حُفظت إعدادات التحديثات.",
	CodeStoreFailed:     "تعذّر حفظ إعدادات التحديثات في مجلد الإعدادات.",
}

func message(code string) string {
	if m, ok := messages[code]; ok {
		return m
	}
	return "خطأ غير متوقع"
}

// fieldMessages explain ValidateFeedURL's refusals, keyed by sentinel.
var fieldMessages = map[error]string{
	ErrFeedURLInvalid:  "اكتب رابطًا كاملًا يبدأ بـ https://",
	ErrFeedURLScheme:   "يجب أن يبدأ الرابط بـ https:// (يُقبل http:// لهذا الجهاز فقط)",
	ErrFeedURLUserinfo: "لا تضع اسم مستخدم أو كلمة مرور في الرابط",
	ErrFeedURLTooLong:  "الرابط أطول من المسموح",
}
