// antd's App for the phone entry (issue 22): its message, notification and modal holders (≈ 20 KB compressed) load
// when a page first calls them through App.useApp() — a toast after an action —, not before the first screen. Until
// then App.useApp() answers stand-ins that queue the call and load the holders; a call's return value (a message's
// close function, a modal's handle) is not available from a stand-in, which the phone pages do not use.
// What App's own element gives the pages is kept: the text's font and colour, and the scope of antd's link reset
// (its styles for <a> apply inside an element carrying the theme's hash class).
import { theme } from 'antd';
import AppContext, { type useAppProps } from 'antd/es/app/context';
import { lazy, type ReactNode, Suspense, useCallback, useMemo, useRef, useState } from 'react';

const AntAppHolder = lazy(() => import('./AntAppHolder'));

type Call = (api: useAppProps) => void;
type Methods = Record<string, (...args: unknown[]) => unknown>;

export function LazyAntApp({ children }: { children: ReactNode }) {
  const { token, hashId } = theme.useToken();
  const [api, setApi] = useState<useAppProps | null>(null);
  const [wanted, setWanted] = useState(false);
  const queued = useRef<Call[]>([]);
  const standIns = useMemo(() => {
    const standIn = (kind: keyof useAppProps) =>
      new Proxy(
        {},
        {
          get: (_target, method) =>
            typeof method !== 'string'
              ? undefined
              : (...args: unknown[]) => {
                  queued.current.push((real) => (real[kind] as unknown as Methods)[method]?.(...args));
                  setWanted(true);
                },
        },
      );
    return { message: standIn('message'), notification: standIn('notification'), modal: standIn('modal') };
  }, []);
  const onReady = useCallback((real: useAppProps) => {
    setApi(real);
    for (const call of queued.current.splice(0)) call(real);
  }, []);
  return (
    <AppContext.Provider value={api ?? (standIns as unknown as useAppProps)}>
      <div
        className={hashId}
        style={{
          color: token.colorText,
          fontSize: token.fontSize,
          lineHeight: token.lineHeight,
          fontFamily: token.fontFamily,
        }}
      >
        {children}
      </div>
      {wanted && (
        <Suspense fallback={null}>
          <AntAppHolder onReady={onReady} />
        </Suspense>
      )}
    </AppContext.Provider>
  );
}
