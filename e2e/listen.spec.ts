import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { expect, test } from "@playwright/test";

// With no HOST set, `npm start` / `npm run app` (scripts/app.mjs) listen on 127.0.0.1 only: the embedded
// default has no sign-in, so it must not be reachable from the network. The suite's server is started
// that way (playwright.config.ts), with HOST empty.
const port = Number(process.env.PLANVAS_E2E_PORT ?? 3210);

function tryConnect(host: string): Promise<"open" | string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve("open");
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("timeout");
    });
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

test("the server answers on 127.0.0.1", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
});

test("the server does not listen on the machine's other addresses", async () => {
  const others = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === "IPv4")
    .map((a) => a!.address);
  test.skip(others.length === 0, "this machine has no non-loopback IPv4 address to try");
  for (const address of others) expect(await tryConnect(address), `port ${port} on ${address}`).not.toBe("open");
});
