package revalidate

import (
	"fmt"
	"strings"
)

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

	CodeSecretOriginChanged: "لم يُرسل شيء: عنوان الموقع تغيّر بعد حفظ سر REVALIDATE_SECRET",
	CodeSiteSecretWeak: "رفض الموقع العمل لأن REVALIDATE_SECRET في بيئته أقصر من 32 محرفًا: أنشئ سرًا قويًا بالأمر " +
		"openssl rand -base64 32 وضعه في بيئة الموقع وفي الإعدادات هنا ثم أعد النشر",
}

// originChangedMessage names the origin the secret was saved for and the new one, with both ways out.
func originChangedMessage(saved, current []string) string {
	was := "لا عنوان"
	if len(saved) > 0 {
		was = strings.Join(saved, "، ")
	}
	return fmt.Sprintf("%s: حُفظ السر لـ %s والملف الشخصي يشير الآن إلى %s. إن كان العنوان الجديد موقعك فأكّد السر له، "+
		"وإلا فصحّح العنوان أو أعد إدخال السر في الإعدادات.", message(CodeSecretOriginChanged), was, strings.Join(current, "، "))
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
