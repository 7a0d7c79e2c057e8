import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

export default defineConfig({
  plugins: [svelte()],
  build: { target: 'es2022', chunkSizeWarningLimit: 400 },
  // The word catalogs live beside the Go package that embeds them (backend/i18n/catalog); the dev server
  // may read that one directory outside the frontend.
  server: { fs: { allow: ['.', '../backend/i18n/catalog'] } },
})
