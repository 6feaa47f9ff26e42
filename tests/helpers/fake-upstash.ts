import http from "node:http";
import type { AddressInfo } from "node:net";
import Redis from "ioredis";

// A local server speaking Upstash's REST protocol in front of a real Redis: POST / with a
// JSON command array, POST /pipeline and /multi-exec with an array of them, a Bearer token,
// and base64 results when the client sends `Upstash-Encoding: base64`.

function encode(value: unknown): unknown {
  if (typeof value === "string") return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(encode);
  return value;
}

export async function startFakeUpstash(redisUrl: string, token: string): Promise<{ url: string; requests: number; close(): Promise<void> }> {
  const redis = new Redis(redisUrl);
  const state = { requests: 0 };
  const run = async (command: unknown[]) => {
    const [name, ...args] = command.map(String);
    return redis.call(name, ...args);
  };
  const server = http.createServer(async (req, res) => {
    state.requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return reply(401, { error: "Unauthorized" });
    const base64 = req.headers["upstash-encoding"] === "base64";
    const wrap = (result: unknown) => ({ result: base64 ? encode(result) : result });
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString());
      if (req.url === "/pipeline" || req.url === "/multi-exec") {
        const results = [];
        for (const command of body as unknown[][]) {
          try {
            results.push(wrap(await run(command)));
          } catch (err) {
            results.push({ error: (err as Error).message });
          }
        }
        return reply(200, results);
      }
      return reply(200, wrap(await run(body as unknown[])));
    } catch (err) {
      return reply(400, { error: (err as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      redis.disconnect();
    },
  };
}
