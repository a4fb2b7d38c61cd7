// The parts of 一键反映 that are not needed to start typing (issue 22): the map (leaflet), the category
// cascader, the village select, the photo uploader and the grid's card load after the form is on the screen (the
// uploader and the others are shown once the citizen has signed in), each in its own chunk,
// so that a phone on a village's mobile signal can type after ≤ 300 KB (test/e2e/phone-bytes.test.ts).
import { Spin } from 'antd';
import { type ComponentProps, lazy, Suspense } from 'react';

const MapPickerChunk = lazy(async () => {
  const [, module] = await Promise.all([import('leaflet/dist/leaflet.css'), import('./MapPicker')]);
  return { default: module.MapPicker };
});
const CategoryFieldChunk = lazy(async () => ({ default: (await import('./CategoryField')).CategoryField }));
const GridCardChunk = lazy(async () => ({ default: (await import('../party/GridCard')).GridCard }));
const VillageSelectChunk = lazy(() => import('./VillageSelect'));
const PhotoUploaderChunk = lazy(async () => ({ default: (await import('./PhotoUploader')).PhotoUploader }));

const small = (
  <div style={{ padding: 8, textAlign: 'center' }}>
    <Spin size="small" />
  </div>
);

export function LazyMapPicker(props: ComponentProps<typeof MapPickerChunk>) {
  return (
    <Suspense fallback={small}>
      <MapPickerChunk {...props} />
    </Suspense>
  );
}

export function LazyCategoryField(props: ComponentProps<typeof CategoryFieldChunk>) {
  return (
    <Suspense fallback={small}>
      <CategoryFieldChunk {...props} />
    </Suspense>
  );
}

export function LazyGridCard(props: ComponentProps<typeof GridCardChunk>) {
  return (
    <Suspense fallback={null}>
      <GridCardChunk {...props} />
    </Suspense>
  );
}

export function LazyVillageSelect(props: ComponentProps<typeof VillageSelectChunk>) {
  return (
    <Suspense fallback={small}>
      <VillageSelectChunk {...props} />
    </Suspense>
  );
}

export function LazyPhotoUploader(props: ComponentProps<typeof PhotoUploaderChunk>) {
  return (
    <Suspense fallback={small}>
      <PhotoUploaderChunk {...props} />
    </Suspense>
  );
}
