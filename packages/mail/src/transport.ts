import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';

export interface MailerOptions {
  /** smtp://user:pass@host:port; without it, messages are written as .eml files to `outboxDir`. */
  smtpUrl: string | undefined;
  outboxDir: string;
  from: string;
}

export type OutgoingMessage = Omit<Mail.Options, 'from'>;

export interface Mailer {
  /** Sends one message; resolves with the Message-ID, rejects with the server's reason. */
  send(message: OutgoingMessage): Promise<string>;
  close(): void;
}

export function createMailer({ smtpUrl, outboxDir, from }: MailerOptions): Mailer {
  if (smtpUrl) {
    // No pooling: each delivery is its own transaction, so a failure is attributed to exactly one message.
    const transport = nodemailer.createTransport(smtpUrl);
    return {
      async send(message) {
        const info = await transport.sendMail({ from, ...message });
        return info.messageId;
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      await mkdir(outboxDir, { recursive: true });
      const safeId = info.messageId.replace(/[^a-zA-Z0-9.@-]/g, '_');
      await writeFile(
        path.join(outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeId}.eml`),
        info.message as Buffer,
      );
      return info.messageId;
    },
    close: () => transport.close(),
  };
}
