import { mount } from 'svelte'
import './style.css'
import App from './App.svelte'
import { loadLanguage } from './stores/language.svelte'

// The saved language first, so the first paint is already in it (and in its direction).
await loadLanguage()
const target = document.getElementById('app')!
target.replaceChildren() // the static splash from index.html
const app = mount(App, { target })

export default app
