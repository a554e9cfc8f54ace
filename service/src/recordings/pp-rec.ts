// Janus's own post-processing tool, `janus-pp-rec`, turning one recorded stream (`.mjr`) into a
// playable file: it takes the format from the target's extension (`.webm` for VP8 and VP9,
// `.opus`, an Ogg file, for Opus). Run without a shell, with a time limit, on paths the service
// made itself.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';

export interface PostProcessor {
  /** The `janus-pp-rec` executable: a path, or a name looked up on PATH. */
  command: string;
  /** The longest one file may take; then the tool is killed and the file counts as failed. */
  timeoutMs: number;
}

/**
 * Converts `source` into `target`; rejects (with the tool's last words) when it fails or makes
 * nothing, or `signal` stops it.
 */
export async function convert(tool: PostProcessor, source: string, target: string, signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile(
      tool.command,
      [source, target],
      {
        timeout: tool.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 4 * 1024 * 1024,
        ...(signal ? { signal } : {}),
      },
      (error, stdout, stderr) => {
        if (!error) return resolve();
        const said = `${stdout}\n${stderr}`.trim().split('\n').slice(-3).join(' | ');
        const why = error.killed
          ? 'killed: past its time limit, or the service stopped'
          : `exit ${String(error.code ?? error.signal)}`;
        reject(new Error(`${tool.command} failed (${why}): ${said}`));
      },
    );
  });
  const made = await stat(target).catch(() => undefined);
  if (!made || made.size === 0) throw new Error(`${tool.command} made no file`);
}
