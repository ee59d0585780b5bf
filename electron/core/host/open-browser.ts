/** Opens a URL in the user's browser where the OS offers a way; reports whether it tried. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, command)));
}

export function openInBrowser(url: string): boolean {
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  if (process.platform !== 'win32' && !onPath(command)) return false;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  try {
    spawn(command, args, { detached: true, stdio: 'ignore' })
      .on('error', () => undefined)
      .unref();
    return true;
  } catch {
    return false;
  }
}
