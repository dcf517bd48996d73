/**
 * The system programs some tests need (Debian's Chromium for end-to-end tests, redis-server for the
 * multi-instance runtime tests), and how `npm test` gets them on a fresh machine.
 *
 * `ensureSystemPrograms()` runs once, in vitest's global setup: a program that is missing is installed
 * with apt when we are root; otherwise it stays missing. Tests then call `requireProgram(name)`:
 * - present: returns true;
 * - missing and `CI` unset: prints a loud SKIPPED line naming the Debian package and returns false (the
 *   caller skips its tests);
 * - missing and `CI=true`: throws, so the run fails rather than passing without the tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface SystemProgram {
  name: 'chromium' | 'redis-server';
  path: string;
  debianPackage: string;
}

export const systemPrograms: SystemProgram[] = [
  { name: 'chromium', path: '/usr/bin/chromium', debianPackage: 'chromium' },
  { name: 'redis-server', path: '/usr/bin/redis-server', debianPackage: 'redis-server' },
];

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function aptInstall(packages: string[]): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, stdio: 'pipe' });
  try {
    install();
  } catch {
    // The package lists may be missing or stale on a brand-new machine.
    execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'pipe' });
    install();
  }
}

/** Installs missing programs where it can; returns the names of those available afterwards. */
export function ensureSystemPrograms(programs: SystemProgram[] = systemPrograms): string[] {
  const missing = programs.filter((p) => !existsSync(p.path));
  if (missing.length > 0 && isRoot()) {
    const packages = missing.map((p) => p.debianPackage);
    process.stderr.write(`[baton tests] installing ${packages.join(', ')} with apt-get (needed by end-to-end and Redis tests)...\n`);
    try {
      aptInstall(packages);
    } catch (error) {
      process.stderr.write(`[baton tests] apt-get could not install ${packages.join(', ')}: ${(error as Error).message.split('\n')[0]}\n`);
    }
  }
  return programs.filter((p) => existsSync(p.path)).map((p) => p.name);
}

/**
 * Call at the top of a test file (outside `it`) and skip the file's tests when it returns false:
 *   const haveChromium = requireProgram('chromium');
 *   describe.skipIf(!haveChromium)('...', () => { ... });
 */
export function requireProgram(name: SystemProgram['name']): boolean {
  const program = systemPrograms.find((p) => p.name === name);
  if (!program) throw new Error(`unknown system program ${name}`);
  if (existsSync(program.path)) return true;
  const message =
    `${program.path} is missing: install it with \`apt-get install ${program.debianPackage}\` ` +
    `(Debian package "${program.debianPackage}"); \`npm test\` installs it itself when run as root.`;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true and ${message}`);
  }
  const line = '!'.repeat(100);
  process.stderr.write(`\n${line}\nSKIPPED: tests that need ${name}. ${message}\n${line}\n\n`);
  return false;
}
