import { defineConfig } from "vite";

// The UI is served from disk by Tauri: no dev server URL, no remote assets.
export default defineConfig({
  base: "./",
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
  },
});
