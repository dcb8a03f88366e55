import type { ChildProcess } from 'node:child_process';

/** Waits for a child process started with piped stdout and stderr to end: its exit code and what it wrote. */
export async function childOutput(child: ChildProcess) {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (data: Buffer) => (stdout += data));
  child.stderr!.on('data', (data: Buffer) => (stderr += data));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
