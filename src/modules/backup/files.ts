// The uploaded files of a backup: DATA_DIR/uploads copied as it is. Its keys are content-addressed and written
// whole (write, then rename) before the attachment row that names them, and never changed or removed; so a copy
// made after the database snapshot holds every file the snapshot's rows name (and perhaps a few newer ones).
import fs from 'node:fs';
import path from 'node:path';

export interface CopiedFiles {
  files: number;
  bytes: number;
}

/** Copies the tree `from` into `to` (created), leaving out half-written *.tmp files; `from` may not exist. */
export async function copyFiles(
  from: string,
  to: string,
  progress: (copied: CopiedFiles) => void = () => {},
): Promise<CopiedFiles> {
  const copied: CopiedFiles = { files: 0, bytes: 0 };
  await fs.promises.mkdir(to, { recursive: true });
  if (!fs.existsSync(from)) return copied;
  const walk = async (relative: string): Promise<void> => {
    const entries = await fs.promises.readdir(path.join(from, relative), { withFileTypes: true });
    for (const entry of entries) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        await fs.promises.mkdir(path.join(to, name), { recursive: true });
        await walk(name);
      } else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
        await fs.promises.copyFile(path.join(from, name), path.join(to, name));
        copied.files++;
        copied.bytes += (await fs.promises.stat(path.join(to, name))).size;
        if (copied.files % 500 === 0) progress(copied);
      }
    }
  };
  await walk('');
  progress(copied);
  return copied;
}

/** True when `dir` does not exist or holds nothing (sub-directories that hold nothing count as nothing). */
export function isEmptyTree(dir: string): boolean {
  if (!fs.existsSync(dir)) return true;
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .every((entry) => entry.isDirectory() && isEmptyTree(path.join(dir, entry.name)));
}
