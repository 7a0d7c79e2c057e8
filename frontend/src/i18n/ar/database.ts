export const database = {
  title: 'قاعدة البيانات',
  missing: 'أضف رابط قاعدة البيانات (DATABASE_URL) في الإعدادات.',
}
