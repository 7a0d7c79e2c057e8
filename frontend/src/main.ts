import { mount } from 'svelte'
import './style.css'
import App from './App.svelte'

const target = document.getElementById('app')!
target.replaceChildren() // the static splash from index.html
const app = mount(App, { target })

export default app
