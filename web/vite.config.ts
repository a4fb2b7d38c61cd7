import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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
  plugins: [react(), noServerCode()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 30 },
            { name: 'leaflet', test: /[\\/]node_modules[\\/](leaflet|react-leaflet|@react-leaflet)[\\/]/, priority: 30 },
            { name: 'antd', test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+)[\\/]/, priority: 20 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 10 },
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
