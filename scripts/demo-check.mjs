// Checks that `npm start` brings up a working demo: starts it as a person would, then drives the
// agent desktop and the customer's page in Chromium through the whole escalation, by the words
// and buttons a person uses. `npm test` runs it last, inside its network namespace.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.DEMO_CHECK_PORT ?? 18000);
const origin = `http://127.0.0.1:${port}`;

/** Starts `npm start`'s script and resolves once it says where the demo is. */
function startDemo(dataDir) {
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ESCALATE_DEMO_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const ready = new Promise((resolveReady, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Escalate Video demo:')) resolveReady(output);
    });
    exited.then((code) => reject(new Error(`npm start exited (${code}) before the demo was up:\n${output}`)));
    setTimeout(() => reject(new Error(`npm start did not come up in 60 s:\n${output}`)), 60_000).unref();
  });
  return { child, ready, exited };
}

/** Polls a page until `check` (run in the page) returns something truthy. */
async function until(page, what, check, arg, timeoutMs = 30_000) {
  try {
    const handle = await page.waitForFunction(check, { timeout: timeoutMs, polling: 100 }, arg);
    return handle.jsonValue();
  } catch (error) {
    throw new Error(`demo check: timed out waiting for ${what} (${error.message})`);
  }
}

// Run in the pages: find things the way the elements render them.
const statusIs = (words) =>
  document.querySelector('escalate-button')?.shadowRoot?.querySelector('[part=status]')?.textContent === words;
function pressAgentButton(label) {
  const button = [...(document.querySelector('escalate-button')?.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (candidate) => candidate.textContent === label,
  );
  button?.click();
  return Boolean(button);
}
function seesVideo(path) {
  let node = document;
  for (const selector of path) node = node?.querySelector(selector)?.shadowRoot ?? node?.querySelector(selector);
  const video = node?.querySelector?.('[part=tile] video');
  return Boolean(video && video.videoWidth > 0 && video.getVideoPlaybackQuality().totalVideoFrames > 2);
}

/** The call as people see it, for a person to look at: the customer's page at phone, tablet and desk sizes, and the desk. */
async function screenshots(dir, agent, customer) {
  mkdirSync(dir, { recursive: true });
  for (const [width, height] of [
    [360, 740],
    [414, 860],
    [740, 360],
    [768, 1024],
    [1280, 800],
  ]) {
    await customer.setViewport({ width, height });
    await new Promise((resolveWait) => setTimeout(resolveWait, 1500));
    await customer.screenshot({ path: join(dir, `customer-${width}x${height}.png`) });
  }
  await agent.setViewport({ width: 1280, height: 800 });
  await new Promise((resolveWait) => setTimeout(resolveWait, 1500));
  await agent.screenshot({ path: join(dir, 'agent-desk-1280x800.png') });
  console.log(`demo check: screenshots in ${dir}`);
}

async function check() {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'escalate-demo-check-'));
  const demo = startDemo(dataDir);
  let browser;
  try {
    await demo.ready;
    browser = await puppeteer.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
    const agent = await browser.newPage();
    await agent.goto(`${origin}/demo/`);
    await until(agent, 'the real-stack banner', () => document.querySelector('#mode')?.textContent?.startsWith('Real stack'));
    await until(agent, 'the escalate button', pressAgentButton, 'Escalate to video');
    const link = await until(
      agent,
      'the link in the chat pane',
      () => document.querySelector('#chat a[href*="guest.html#code="]')?.href,
    );
    await until(agent, '"Link posted in the chat"', statusIs, 'Link posted in the chat');

    const customer = await browser.newPage();
    await customer.goto(link);
    await until(customer, 'the join card', () => {
      const join = document.querySelector('escalation-join-card')?.shadowRoot?.querySelector('button[part=join]');
      join?.click();
      return Boolean(join);
    });
    await until(customer, 'the customer to see the agent', seesVideo, ['escalation-join-card', 'video-room']);
    await until(agent, 'the agent to see the customer', seesVideo, ['video-room']);
    await until(agent, '"On video"', statusIs, 'On video');
    if (process.env.DEMO_SCREENSHOTS) await screenshots(process.env.DEMO_SCREENSHOTS, agent, customer);

    await until(agent, 'the End video button', pressAgentButton, 'End video');
    await until(agent, '"Video ended"', statusIs, 'Video ended');
    await until(customer, 'the customer told the call ended', () =>
      document
        .querySelector('escalation-join-card')
        ?.shadowRoot?.querySelector('video-room')
        ?.shadowRoot?.textContent?.includes('The video call has ended'),
    );
    console.log(
      `demo check: npm start came up; escalate, link in the chat, customer joined, both on video, ended (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return 0;
  } catch (error) {
    console.error(String(error?.message ?? error));
    return 1;
  } finally {
    await browser?.close();
    demo.child.kill('SIGTERM');
    await demo.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exit(await check());
