export const revalidate = {
  title: 'التخزين المؤقت وإعادة التحقق',
  missing: 'أضف رابط الموقع وسر إعادة التحقق (REVALIDATE_SECRET) في الإعدادات.',
}
