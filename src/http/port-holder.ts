// Who listens on a TCP port, from /proc (Linux): named in the "port in use" error so the operator knows what to stop.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const LISTEN = '0A';

/** "process 1234 (node)", or undefined when it cannot be told (not Linux, another user's process, gone). */
export function portHolder(port: number): string | undefined {
  try {
    const inodes = listeningInodes(port);
    if (inodes.size === 0) return undefined;
    for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
      if (holdsSocket(pid, inodes)) {
        // Only the process name: a command line may carry secrets.
        return `process ${pid} (${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()})`;
      }
    }
  } catch {
    // best effort only
  }
  return undefined;
}

/** Socket inodes of listening TCP sockets on `port` (any address, IPv4 and IPv6). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    // Columns: sl local_address rem_address st … inode; local_address is HEXIP:HEXPORT.
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1]?.split(':').at(-1);
      if (cols[3] === LISTEN && local !== undefined && parseInt(local, 16) === port && cols[9]) inodes.add(cols[9]);
    }
  }
  return inodes;
}

function holdsSocket(pid: string, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      return inode !== undefined && inodes.has(inode);
    } catch {
      return false;
    }
  });
}
