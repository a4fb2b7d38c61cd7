// antd's Result (a status page: 403, an error) loaded when one is shown: its illustrations are ≈ 40 KB of SVG that
// the phone's first screen does not need (issue 22). Used by the route guard and the phone entry.
import type { ResultProps } from 'antd';
import { lazy, Suspense } from 'react';

const ResultChunk = lazy(() => import('antd/es/result'));

export function LazyResult(props: ResultProps) {
  return (
    <Suspense fallback={null}>
      <ResultChunk {...props} />
    </Suspense>
  );
}
