// Where one-time codes go. Demo and test modes show the code on screen and in the log. Production never
// returns a code to the caller: it POSTs { phone, text } to the county's SMS gateway (SMS_WEBHOOK_URL),
// or, with none configured, writes it to the server log for the operators only.
import type { Config } from '../../core/config.js';

export interface SmsGateway {
  /** True only in demo and test modes: the API may return the code to the person signing in. */
  readonly showsCodes: boolean;
  send(phone: string, text: string): Promise<void>;
}

export class LogSmsGateway implements SmsGateway {
  constructor(
    private readonly log: (message: string) => void,
    readonly showsCodes: boolean,
  ) {}
  async send(phone: string, text: string): Promise<void> {
    this.log(`[短信网关${this.showsCodes ? '·演示' : ''}] ${phone}: ${text}`);
  }
}

export class WebhookSmsGateway implements SmsGateway {
  readonly showsCodes = false;
  constructor(private readonly url: string) {}
  async send(phone: string, text: string): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  }
}

export function createSmsGateway(
  config: Pick<Config, 'mode' | 'smsWebhookUrl'>,
  log: (message: string) => void,
): SmsGateway {
  if (config.smsWebhookUrl) return new WebhookSmsGateway(config.smsWebhookUrl);
  return new LogSmsGateway(log, config.mode !== 'production');
}
