// How every command of src/cli ends: when the file is the one node runs (not imported by a test), `main` runs and
// its answer is the exit code; a failure prints `describe(error)` and exits with 2.
import { pathToFileURL } from 'node:url';

export function runAsCli(
  moduleUrl: string,
  main: () => Promise<number>,
  describe: (error: unknown) => string = (error) => String((error as Error)?.stack ?? error),
): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(describe(error));
      process.exit(2);
    },
  );
}
