// Renders an entry of the web app (the desk's main.tsx, the phone's phone.tsx) into #root with what every page
// needs: the API cache, the router, the theme and locale — once the language the user chose can be shown.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ApiError } from './api';
import { i18nReady } from './i18n';
import { ThemedApp } from './ThemedApp';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a refusal (4xx) is an answer, not a failure worth retrying
      retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function mountApp(app: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  void i18nReady.then(() =>
    createRoot(root).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <ThemedApp>{app}</ThemedApp>
          </BrowserRouter>
        </QueryClientProvider>
      </StrictMode>,
    ),
  );
}
