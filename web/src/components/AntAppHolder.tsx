// antd's App without a wrapper element, rendered beside the phone's pages once one of them shows a message
// (LazyAntApp.tsx); it hands its message, notification and modal up when its holders are mounted.
import { App } from 'antd';
import type { useAppProps } from 'antd/es/app/context';
import { useEffect } from 'react';

function HandUp({ onReady }: { onReady: (api: useAppProps) => void }) {
  const api = App.useApp();
  // after the commit: the holders (siblings before this) are mounted, so a queued message shows
  useEffect(() => onReady(api), [api, onReady]);
  return null;
}

export default function AntAppHolder({ onReady }: { onReady: (api: useAppProps) => void }) {
  return (
    <App component={false}>
      <HandUp onReady={onReady} />
    </App>
  );
}
