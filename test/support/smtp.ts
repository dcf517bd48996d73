/**
 * A real SMTP server on loopback (smtp-server) that keeps every mail's envelope recipients and data, for the tests
 * of email notifications. `close()` stops it.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  mails: Array<{ to: string[]; data: string }>;
  smtpPort: number;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const mails: Array<{ to: string[]; data: string }> = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let data = '';
      stream.on('data', (c) => (data += c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  return { mails, smtpPort: (smtp.server.address() as AddressInfo).port, close: () => new Promise<void>((r) => smtp.close(() => r())) };
}
