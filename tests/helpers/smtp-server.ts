import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { freePort } from "./redis-server";

// A local SMTP server for the e-mail tests (the `smtp-server` package, the same code base as
// nodemailer): it listens on a free port, checks a login, collects every message it accepts,
// and can refuse recipients (5xx: permanent) or answer "try later" (4xx: transient).

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  text: string;
  html: string;
  raw: string;
}

export interface TestSmtpOptions {
  user?: string;
  pass?: string;
  /** RCPT TO for these addresses gets 550 (permanent). */
  rejectRecipients?: string[];
  /** RCPT TO for these addresses gets 451 (transient) this many times, then is accepted. */
  deferRecipients?: Record<string, number>;
}

export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  private server?: SMTPServer;
  private deferred: Record<string, number>;

  constructor(
    readonly port: number,
    private readonly options: TestSmtpOptions = {},
  ) {
    this.deferred = { ...options.deferRecipients };
  }

  static async start(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
    const server = new TestSmtpServer(await freePort(), options);
    await server.listen();
    return server;
  }

  /** smtp://user:pass@127.0.0.1:port (credentials URL-encoded). */
  url(credentials: { user?: string; pass?: string } = this.options): string {
    const auth = credentials.user ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass ?? "")}@` : "";
    return `smtp://${auth}127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    const { user, pass, rejectRecipients = [] } = this.options;
    this.server = new SMTPServer({
      logger: false,
      // Plain TCP on localhost: no STARTTLS, and AUTH allowed without TLS.
      disabledCommands: user ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
      allowInsecureAuth: true,
      authOptional: !user,
      onAuth: (auth, _session, callback) => {
        if (auth.username === user && auth.password === pass) return callback(null, { user: auth.username });
        return callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      },
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const to = address.address.toLowerCase();
        if (rejectRecipients.includes(to)) {
          return callback(Object.assign(new Error(`No such user here: ${to}`), { responseCode: 550 }));
        }
        if ((this.deferred[to] ?? 0) > 0) {
          this.deferred[to] -= 1;
          return callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 }));
        }
        return callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          this.messages.push({ ...parseMessage(raw), from, to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    this.server.on("error", () => undefined);
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.port, "127.0.0.1", () => resolve());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  messagesTo(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }
}

// --- A small MIME reader: enough for nodemailer's text + HTML alternative. --------------------

function splitHeaders(part: string): { headers: Record<string, string>; body: string } {
  const at = part.search(/\r?\n\r?\n/);
  const head = at < 0 ? part : part.slice(0, at);
  const body = at < 0 ? "" : part.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(body: string, encoding = ""): string {
  const enc = encoding.toLowerCase();
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** "=?UTF-8?Q?Caf=C3=A9?=" → "Café" */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=\s*/gi, (_, _charset: string, kind: string, data: string) =>
    kind.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : decodeBody(data.replace(/_/g, " "), "quoted-printable"),
  );
}

function parseMessage(raw: string): Omit<ReceivedMail, "from" | "to" | "raw"> {
  const { headers, body } = splitHeaders(raw);
  const out = { subject: decodeWords(headers.subject ?? ""), messageId: headers["message-id"] ?? "", text: "", html: "" };
  const collect = (h: Record<string, string>, b: string) => {
    const type = (h["content-type"] ?? "text/plain").toLowerCase();
    const boundary = /boundary="?([^";]+)"?/i.exec(h["content-type"] ?? "")?.[1];
    if (type.startsWith("multipart/") && boundary) {
      for (const part of b.split(`--${boundary}`).slice(1)) {
        if (part.startsWith("--")) break;
        const inner = splitHeaders(part.replace(/^\r?\n/, ""));
        collect(inner.headers, inner.body);
      }
    } else if (type.startsWith("text/html")) out.html += decodeBody(b, h["content-transfer-encoding"]);
    else if (type.startsWith("text/plain")) out.text += decodeBody(b, h["content-transfer-encoding"]);
  };
  collect(headers, body);
  return out;
}
