// A form's photos as its state keeps them (PhotoUploader.tsx shows and uploads them): apart from the uploader, so
// that a form can hold its draft's photos before the uploader's code has loaded (一键反映, issue 22).

export interface Photo {
  key: string;
  name: string;
  status: 'waiting' | 'uploading' | 'done' | 'error';
  percent: number;
  id?: string;
  thumbnailUrl?: string;
  /** A local preview while uploading. */
  preview?: string;
  error?: string;
}

/** The attachment ids of the photos that finished uploading (what the form sends). */
export const photoIds = (photos: Photo[]): string[] =>
  photos.filter((p) => p.status === 'done' && p.id).map((p) => p.id as string);

/** Whether a photo is still on its way (the form waits for it). */
export const photosBusy = (photos: Photo[]): boolean =>
  photos.some((p) => p.status === 'uploading' || p.status === 'waiting');
