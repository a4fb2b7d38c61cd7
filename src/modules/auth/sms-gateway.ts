// Where one-time codes go. Demo and test modes show the code on screen and in the log; a county plugs
// its SMS provider in by implementing SmsGateway.
export interface SmsGateway {
  readonly showsCodes: boolean;
  send(phone: string, text: string): Promise<void>;
}

export class LogSmsGateway implements SmsGateway {
  readonly showsCodes = true;
  constructor(private readonly log: (message: string) => void) {}
  async send(phone: string, text: string): Promise<void> {
    this.log(`[短信网关·演示] ${phone}: ${text}`);
  }
}
