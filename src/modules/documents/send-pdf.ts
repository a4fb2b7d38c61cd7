// A PDF document as the HTTP response: an attachment named in UTF-8 (RFC 5987), so browsers keep the Chinese name.
import type { FastifyReply } from 'fastify';

export function sendPdf(reply: FastifyReply, filename: string, body: Buffer) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}
