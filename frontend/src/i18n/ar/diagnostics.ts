export const diagnostics = {
  title: 'التشخيص',
  hint: 'ملف تشخيص لا يحمل أي سر، لإرساله إلى الدعم.',
}
