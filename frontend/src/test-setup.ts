// Unit tests switch languages with useLanguage directly: both catalogs are loaded first, as
// stores/language loads one before switching in the app.
import { LANGUAGES, loadCatalog } from './i18n'

await Promise.all(LANGUAGES.map(loadCatalog))
