import { fileURLToPath } from 'node:url';
import { constants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const root = fileURLToPath(new URL('.', import.meta.url));
const serverSource = fileURLToPath(new URL('../src/', import.meta.url));
const api = 'http://127.0.0.1:3000';

/**
 * The web app takes the server's API types with `import type` (erased at build, see src/api-types.ts); a value
 * imported from the server's source would bundle server code into the browser, so the build refuses it.
 */
function noServerCode(): Plugin {
  return {
    name: 'gongzhi-no-server-code',
    load(id) {
      if (id.startsWith(serverSource)) {
        this.error(`${id} is server code: import only its types (\`import type\`) into the web app`);
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [
    react(),
    noServerCode(),
    // each text asset above 1 KB also as .br (best quality) and .gz; the server sends the one the browser accepts
    // (src/http/web-app.ts, issue 22)
    compression({
      include: /\.(js|css|html|svg|json|txt)$/,
      threshold: 1024,
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // two entries (issue 22): the desk app, and the phone's (/report, /grid) which loads only what it uses
      input: { index: `${root}index.html`, phone: `${root}phone.html` },
      output: {
        codeSplitting: {
          includeDependenciesRecursively: false, // else react goes into the echarts chunk (echarts-for-react needs it)
          groups: [
            { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 30 },
            { name: 'leaflet', test: /[\\/]node_modules[\\/](leaflet|react-leaflet|@react-leaflet)[\\/]/, priority: 30 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/openapi.json': api,
      '/docs': api,
      '/health': api,
    },
  },
});
