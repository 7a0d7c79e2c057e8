export const realtime = {
  title: 'الحالة الفورية Pusher',
  missing: 'مفاتيح Pusher الناقصة: {list}',
}
