package revalidate

import "fmt"

// messages are the Arabic explanations per code, each with the fix when there is one.
var messages = map[string]string{
	CodeOK:                "تم التحديث بنجاح",
	CodeUnauthorized:      "رفض الموقع السر: قيمة REVALIDATE_SECRET المحفوظة هنا لا تطابق قيمتها في بيئة الموقع",
	CodeRouteMissing:      "مسار التحديث /api/revalidate غير موجود على الموقع: انسخ الملف app/api/revalidate/route.ts إلى المشروع ثم أعد النشر",
	CodeInvalidInput:      "مدخلات غير صالحة: لم يُرسل شيء",
	CodeTooLarge:          "الطلب أكبر مما يقبله الموقع",
	CodeSiteError:         "خطأ في الموقع أثناء التحديث",
	CodeSiteSecretMissing: "الموقع لا يعرف السر: أضف REVALIDATE_SECRET إلى متغيرات بيئة الموقع ثم أعد النشر",
	CodeUnreachable:       "تعذّر الوصول إلى الموقع: تحقق من العنوان والاتصال",
	CodeTimeout:           "انتهت مهلة انتظار الموقع",
	CodeBusy:              "عملية تحديث جارية لهذا الملف الشخصي: انتظر انتهاءها أو ألغها",
	CodeThrottled:         "انتظر قليلاً قبل تحديث آخر",
	CodeNotConfigured:     "التحديث غير مُعدّ: أضف عنوان الموقع وسر REVALIDATE_SECRET في الملف الشخصي",
	CodeCanceled:          "أُلغيت العملية",
	CodeInsecureURL:       "لن يُرسل السر عبر http:// غير المشفّر إلى خادم آخر: استخدم https://",
	CodeNotFound:          "لم تُعثر على هذه العملية في السجل",
}

func message(code string) string {
	if m, ok := messages[code]; ok {
		return m
	}
	return "خطأ غير متوقع"
}

// withDetail appends the site's own words (already redacted) to the code's message.
func withDetail(code, detail string) string {
	if detail == "" {
		return message(code)
	}
	return fmt.Sprintf("%s (%s)", message(code), detail)
}
