package secrets

import "errors"

// Error is a keychain failure the UI can explain: a stable Code for tests and the frontend, and an Arabic
// Message that says how to fix it. Message never contains a secret value.
type Error struct {
	code    string
	message string
	english string
}

func (e *Error) Error() string { return "secrets: " + e.english }

// Code is the stable string the frontend maps to a label.
func (e *Error) Code() string { return e.code }

// Message is the Arabic explanation with the fix, safe to show.
func (e *Error) Message() string { return e.message }

// The errors every Store returns, wrapped with %w around the raw cause where there is one.
var (
	ErrNoKeychain = &Error{"KEYCHAIN_UNAVAILABLE",
		"سلسلة المفاتيح في النظام غير متاحة. على لينكس شغّل خدمة الأسرار (gnome-keyring أو KWallet) داخل جلسة سطح المكتب ثم أعد المحاولة؛ لا يحفظ التطبيق الأسرار في ملف عادي.",
		"the OS keychain is not available"}
	ErrLocked = &Error{"KEYCHAIN_LOCKED",
		"سلسلة المفاتيح مقفلة. افتح قفلها من نظامك (أو أدخل كلمة المرور عند الطلب) ثم أعد المحاولة.",
		"the OS keychain is locked"}
	ErrTimeout = &Error{"KEYCHAIN_TIMEOUT",
		"لم تستجب سلسلة المفاتيح في الوقت المحدد. قد تنتظر نافذة فتح القفل؛ أكمِلها أو أغلقها ثم أعد المحاولة.",
		"the OS keychain did not answer in time"}
	ErrCanceled = &Error{"KEYCHAIN_CANCELED",
		"أُلغيت العملية قبل أن تكتمل. أعد المحاولة.",
		"the keychain call was canceled"}
	ErrNotFound = &Error{"SECRET_NOT_FOUND",
		"هذا السر غير محفوظ في سلسلة المفاتيح. أدخله من الإعدادات.",
		"secret not found in the keychain"}
	ErrTooBig = &Error{"SECRET_TOO_BIG",
		"قيمة السر أطول من الحد المسموح (2048 بايت). تأكد أنك نسخت القيمة الصحيحة وحدها.",
		"secret value is too big"}
	ErrInvalidName = &Error{"SECRET_INVALID_NAME",
		"اسم السر أو معرّف الملف غير صالح. استخدم أحد الأسماء المعروفة مثل DATABASE_URL.",
		"invalid secret name or profile id"}
	ErrInvalidValue = &Error{"SECRET_INVALID_VALUE",
		"قيمة السر فارغة أو تحوي محارف غير صالحة. الصق القيمة نصًا عاديًا دون مسافات في أولها أو آخرها.",
		"invalid secret value"}
	ErrKeychain = &Error{"KEYCHAIN_ERROR",
		"رفضت سلسلة المفاتيح العملية لسبب غير متوقع. أعد المحاولة، وإن تكرر الخطأ فأعد تشغيل خدمة الأسرار في نظامك.",
		"the OS keychain refused the call"}
)

// CodeOf returns the stable code of err, "KEYCHAIN_ERROR" for an error that is not one of ours, "" for nil.
func CodeOf(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.code
	}
	return ErrKeychain.code
}

// MessageOf returns the Arabic message of err (see CodeOf).
func MessageOf(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.message
	}
	return ErrKeychain.message
}
