// What a card needs, said with the label of the field the admin fills in (رابط الموقع), not only the
// variable name (NEXT_PUBLIC_SITE_URL). Where each is set is Go's answer (sitevars.Need).
import type * as models from '../../wailsjs/go/models'
import { t } from '../i18n'
import type { SettingsTarget } from '../stores/view.svelte'

export type Need = models.sitevars.Need

/** labelKey is the catalog key of a profile field's label: "pusher.appId" → settings.fields.pusherAppId. */
export function labelKey(field: string): string {
  return `settings.fields.${field.replace(/\.([a-z])/g, (_, c: string) => c.toUpperCase())}`
}

/** needLabel is the label of where n is set: the form field's, or the secret's. */
export function needLabel(n: Need): string {
  return n.secret ? t(`firstRun.secretLabels.${n.name}`) : t(labelKey(n.field))
}

/** needTarget is where Settings opens for n. */
export function needTarget(n: Need): SettingsTarget {
  return n.secret ? { secret: n.name } : { field: n.field }
}
