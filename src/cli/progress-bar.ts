import cliProgress from 'cli-progress';
import type { ImportProgress } from '../shared/import';

/** A progress bar on stderr for long files; silent when stderr is not a terminal (CI, pipes). */
export function terminalProgress(label: string, minimumRows = 5000): ImportProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(phase, total) {
      if (total > 0 && total < minimumRows) return;
      bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format:
            total > 0
              ? `${label} ${phase} [{bar}] {percentage}% {value}/{total} rows`
              : `${label} ${phase} {value} rows`,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    advance(by) {
      bar?.increment(by);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
