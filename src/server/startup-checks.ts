import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SettingError } from '../config.js';

/** The SQLite files the server opens in the data folder (README, "Configuration"). */
const DATABASE_FILES = ['shop.sqlite', 'state.sqlite'];

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Makes sure the data folder exists and takes a file, before anything is opened in it. Missing
 * folders are made one level at a time: Node's recursive mkdir never returns under some pseudo
 * file systems (a data folder under /proc hung the start silently).
 *
 * @example ensureWritableDataDir(config.dataDir) // throws a SettingError naming SHOPVOICE_DATA_DIR
 */
export function ensureWritableDataDir(dataDir: string): void {
  const fix = 'point SHOPVOICE_DATA_DIR at a folder this user may write to (it is created if missing)';
  const missing: string[] = [];
  let dir = dataDir;
  while (!existsSync(dir) && dirname(dir) !== dir) {
    missing.unshift(dir);
    dir = dirname(dir);
  }
  try {
    for (const part of missing) mkdirSync(part);
    if (!statSync(dataDir).isDirectory()) throw new Error('not a folder');
    const probe = join(dataDir, `.shopvoice-write-test-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (error) {
    throw new SettingError('SHOPVOICE_DATA_DIR', `(${dataDir}) is not a writable folder (${reason(error)})`, fix);
  }
}

/**
 * Checks the SQLite files already in the data folder: each must be a readable, writable SQLite
 * database, so a broken file is named with its path instead of failing deep inside the driver.
 */
export function checkDatabaseFiles(dataDir: string): void {
  for (const name of DATABASE_FILES) {
    const path = join(dataDir, name);
    if (!existsSync(path)) continue;
    const fix = `repair or remove ${path} (a missing ${name} is created anew${name === 'shop.sqlite' ? ' with the demo shop' : ''}), or point SHOPVOICE_DATA_DIR elsewhere`;
    let header = '';
    try {
      if (!statSync(path).isFile()) throw new Error('not a file');
      const fd = openSync(path, 'r+');
      try {
        const bytes = Buffer.alloc(16);
        header = bytes.subarray(0, readSync(fd, bytes, 0, 16, 0)).toString('latin1');
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      throw new SettingError('SHOPVOICE_DATA_DIR', `holds a database file that cannot be opened: ${path} (${reason(error)})`, fix);
    }
    if (header.length > 0 && header !== SQLITE_HEADER) throw new SettingError('SHOPVOICE_DATA_DIR', `holds a database file that is not an SQLite database: ${path}`, fix);
  }
}

/**
 * A listen error said as a setting: the port taken or not allowed.
 *
 * @example listenError(Object.assign(new Error(), { code: 'EADDRINUSE' }), 3000).message // 'PORT 3000 is already in use: …'
 */
export function listenError(error: unknown, port: number, host?: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (host !== undefined && (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')) return new SettingError('SHOPVOICE_HOST', `${host} is not an address of this machine`, 'use 127.0.0.1 (behind a proxy on this host), 0.0.0.0 (all addresses) or one of its own addresses');
  if (code === 'EADDRINUSE') return new SettingError('PORT', `${port} is already in use`, 'stop the other server on it, or set PORT to a free port');
  if (code === 'EACCES') return new SettingError('PORT', `${port} may not be opened by this user`, 'use a port from 1024 up (a proxy can forward 80 and 443)');
  return error instanceof Error ? error : new Error(String(error));
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message ?? String(error);
}
