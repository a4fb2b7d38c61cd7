// Renders an entry of the web app (the desk's main.tsx, the phone's phone.tsx) into #root with what every page
// needs: the API cache, the router, and the entry's frame (theme, locale, antd's App) — once the language the user
// chose can be shown.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ApiError } from './api';
import { i18nReady } from './i18n';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // a refusal (4xx) is an answer, not a failure worth retrying
      retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** `Frame`: the desk's ThemedApp, or the phone's lighter one (phone.tsx) — passed in, so that neither loads the other's. */
export function mountApp(app: ReactNode, Frame: ComponentType<{ children: ReactNode }>): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  void i18nReady.then(() =>
    createRoot(root).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Frame>{app}</Frame>
          </BrowserRouter>
        </QueryClientProvider>
      </StrictMode>,
    ),
  );
}
