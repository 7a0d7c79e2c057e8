import { mount } from 'svelte'
import './style.css'
import App from './App.svelte'
import { loadLanguage } from './stores/language.svelte'
import { loadTheme } from './stores/theme.svelte'

// The saved language and theme first, so the first paint is already in them (and in the language's direction).
await Promise.all([loadLanguage(), loadTheme()])
const target = document.getElementById('app')!
target.replaceChildren() // the static splash from index.html
const app = mount(App, { target })

export default app
