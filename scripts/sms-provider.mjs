// A stand-in SMS and e-mail provider for the tests, over real HTTP on 127.0.0.1: the escalation
// service's webhook sender posts to it, the tests read what arrived, and can make it refuse (an
// outage at the provider) to see how a failed delivery reaches the agent.
import { createServer } from 'node:http';

export async function startSmsProvider({ token }) {
  /** @type {{ channel: string, to: string, text: string }[]} */
  const received = [];
  let down = false;
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    if (request.headers.authorization !== `Bearer ${token}`) return void response.writeHead(401).end();
    if (down) return void response.writeHead(503).end();
    received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    response.writeHead(202).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/messages`,
    received,
    setDown(value) {
      down = value;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
