/**
 * Prints a `passwordHash` for the agents file (scrypt, see runtime/agents/agentDirectory.ts).
 *   npx tsx scripts/agents/hashPassword.ts            (reads the password from stdin, so it is not in the shell history)
 */
import { hashPassword } from '../../runtime/agents/agentDirectory';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => {
  const password = input.replace(/\r?\n$/, '');
  if (password.length < 8) {
    process.stderr.write('hashPassword: give a password of at least 8 characters on stdin\n');
    process.exitCode = 2;
    return;
  }
  process.stdout.write(hashPassword(password) + '\n');
});
