import { readFile } from 'node:fs/promises';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

/* The stream debugger against the embedded demo server, as a user drives it. */

test('a fast server stream arrives complete; any row can be read in full', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Ticker');
  await loupe.setRequestBody('{"count": 20000, "payloadBytes": 64}');
  await loupe.sendButton.click();

  await expect(loupe.timeline.receivedCount).toHaveText('20,000', { timeout: 90_000 });
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect(loupe.timeline.state).toHaveText('Finished');
  await expect(loupe.timeline.eventRow('Status 0 OK')).toBeVisible();

  // Followed to the end; the last message's row reads from the engine and shows its JSON.
  await loupe.timeline.receivedRow(20_000).click();
  await expect(loupe.timeline.detailTitle).toHaveText(/Received #20000/);
  await expect.poll(() => loupe.timeline.detailText()).toContain('"seq": "20000"');

  await loupe.timeline.first.click();
  await expect(loupe.timeline.eventRow('Started')).toBeVisible();
  await loupe.timeline.receivedRow(1).click();
  await expect.poll(() => loupe.timeline.detailText()).toContain('"seq": "1"');
  // Fast messages arrive without JSON; their previews are read for the rows on screen.
  await expect(loupe.timeline.receivedRow(5)).toContainText('"seq":"5"');
  await expect(loupe.timeline.pendingPreviews).toHaveCount(0);
});

test('the last rows of a fast stream get their previews once it ends, whatever the timing', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Ticker');
  // Several runs: rows that come on screen as the stream ends, while a preview request is in
  // flight, must still be asked for (they are never redrawn after).
  for (let run = 1; run <= 3; run++) {
    await loupe.setRequestBody(`{"count": ${3000 + run}, "payloadBytes": 16}`);
    await loupe.sendButton.click();
    await expect(loupe.timeline.receivedCount).toHaveText(`3,00${run}`, { timeout: 30_000 });
    await expect(loupe.timeline.state).toHaveText('Finished');
    await expect(loupe.timeline.receivedRow(3000 + run)).toContainText(`"seq":"${3000 + run}"`);
    await expect(loupe.timeline.pendingPreviews).toHaveCount(0);
  }
});

test('a new stream opens on its timeline, whatever part the previous call showed', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Ticker');
  await loupe.setRequestBody('{"count": 3}');
  await loupe.sendButton.click();
  await expect(loupe.timeline.receivedCount).toHaveText('3');
  await loupe.responsePart('Headers').click();
  await expect(loupe.responsePart('Headers')).toHaveAttribute('aria-selected', 'true');

  await loupe.sendButton.click();
  await expect(loupe.timeline.tab).toHaveAttribute('aria-selected', 'true');
  await expect(loupe.timeline.receivedCount).toHaveText('3');

  // Nor does the pick travel to another tab's call.
  await loupe.responsePart('Trailers').click();
  await loupe.openMethod('Echo');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect(loupe.responsePart('Response')).toHaveAttribute('aria-selected', 'true');
  // Back on the stream's tab, the part picked for its call is still shown.
  await loupe.requestTab('Ticker').click();
  await expect(loupe.responsePart('Trailers')).toHaveAttribute('aria-selected', 'true');
});

test('a stream longer than what is kept says how many messages were let go', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Ticker');
  await loupe.sendButton.click(); // any call shows the timeline and its tools
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await loupe.timeline.keepMessages.selectOption({ label: 'Keep 1,000' });
  await loupe.setRequestBody('{"count": 12000}');
  await loupe.sendButton.click();
  await expect(loupe.timeline.receivedCount).toHaveText('12,000', { timeout: 90_000 });
  await expect(loupe.timeline.letGo).toContainText('older messages were let go (keeping the last 1,000)');
  // The oldest row still kept can be read in full; older ones are not listed.
  await loupe.timeline.first.click();
  await expect(loupe.timeline.detailTitle).toHaveText(/Received #\d+/);
  const title = await loupe.timeline.detailTitle.innerText();
  expect(Number(/#(\d+)/.exec(title)?.[1])).toBeGreaterThan(12_000 - 1000 - 4096);
  await expect.poll(() => loupe.timeline.detailText()).toContain('"seq"');
  await expect(loupe.timeline.receivedRow(1)).toHaveCount(0);
});

test('a slow server stream shows each message as it arrives', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Ticker');
  // Three seconds between messages: the state after the first holds long enough to be seen
  // between two polls of a busy machine.
  await loupe.setRequestBody('{"count": 3, "intervalMs": 3000}');
  await loupe.sendButton.click();

  await expect(loupe.timeline.receivedCount).toHaveText('1');
  await expect(loupe.timeline.state).toHaveText('Open');
  await expect(loupe.timeline.receivedRow(1)).toContainText('"seq":"1"');
  // Following the stream, a few rows sit at the top of the list, not at its bottom.
  await expect(loupe.timeline.follow).toHaveAttribute('aria-pressed', 'true');
  const list = await loupe.timeline.list.boundingBox();
  const first = await loupe.timeline.eventRow('Started').boundingBox();
  expect(first!.y - list!.y).toBeLessThan(first!.height);
  await expect(loupe.timeline.receivedCount).toHaveText('3');
  await expect(loupe.timeline.state).toHaveText('Finished');
  await expect(loupe.timeline.receivedRow(3)).toContainText('"seq":"3"');
  // Rows keep when each message arrived, counted from the call's start: the server sends the third
  // two intervals after the call reached it, so it cannot have arrived earlier (a busy machine only
  // makes it later; timers may fire a millisecond early).
  const firstMs = await loupe.timeline.relativeMs(loupe.timeline.receivedRow(1));
  const thirdMs = await loupe.timeline.relativeMs(loupe.timeline.receivedRow(3));
  expect(thirdMs).toBeGreaterThanOrEqual(2 * 3000 - 5);
  expect(thirdMs).toBeGreaterThan(firstMs);
});

test('client streaming: send several messages, half-close, read the response', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Sum');
  await loupe.setRequestBody('{"value": "1"}');
  await loupe.composer.startStream.click();
  await expect(loupe.composer.state).toHaveText('Open');

  await loupe.setRequestBody('{"value": "2"}');
  await loupe.composer.sendMessage.click();
  await expect(loupe.timeline.sentCount).toHaveText('2');
  // Ctrl/Cmd+Enter in the editor sends the next message while the stream is open.
  await loupe.setRequestBody('{"value": "9007199254740993"}');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(loupe.timeline.sentCount).toHaveText('3');

  // A message the schema refuses is reported and the stream stays open.
  await loupe.setRequestBody('{"valu": "4"}');
  await loupe.composer.sendMessage.click();
  await expect(loupe.composer.sendError).toContainText('valu');
  await expect(loupe.composer.state).toHaveText('Open');

  await loupe.composer.endStream.click();
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await expect(loupe.composer.state).toHaveText('Finished');
  await expect(loupe.timeline.eventRow('Half-closed')).toBeVisible();
  await loupe.responsePart('Response').click();
  await expect.poll(() => loupe.responseText()).toContain('"total": "9007199254740996"');
  expect(await loupe.responseText()).toContain('"count": 3');
});

test('bidi: a conversation is held, read and exported as NDJSON', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Chat');
  await loupe.setRequestBody('{"user": "ann", "text": "one"}');
  await loupe.composer.startStream.click();
  await expect(loupe.timeline.receivedCount).toHaveText('1');
  await expect(loupe.timeline.receivedRow(1)).toContainText('ann said: one');

  await loupe.setRequestBody('{"user": "ann", "text": "two"}');
  await loupe.composer.sendMessage.click();
  await expect(loupe.timeline.receivedCount).toHaveText('2');
  await expect(loupe.timeline.receivedRow(2)).toContainText('ann said: two');

  // The sent history puts an earlier message back in the editor, or sends it again.
  await loupe.composer.sentHistoryToggle.click();
  await expect(loupe.composer.sentMessages).toHaveCount(2);
  await loupe.composer.resendButton('"one"').click();
  await expect(loupe.timeline.receivedCount).toHaveText('3');
  await expect(loupe.timeline.receivedRow(3)).toContainText('ann said: one');

  await loupe.composer.endStream.click();
  await expect(loupe.timeline.state).toHaveText('Finished');
  await expect(loupe.statusBadge).toHaveText('0 OK');

  // Filters: by direction, then by text (searched by the engine).
  await loupe.timeline.direction.selectOption('sent');
  await expect(loupe.timeline.rows).toHaveCount(3);
  await loupe.timeline.direction.selectOption('all');
  await loupe.timeline.search.fill('SAID: TWO');
  await expect(loupe.timeline.shownCount).toHaveText(/^1 of \d+ rows match/);
  await expect(loupe.timeline.rows).toHaveCount(1);
  await loupe.timeline.search.fill('');

  const download = app.waitForEvent('download');
  await loupe.timeline.exportButton.click();
  const file = await (await download).path();
  const lines = (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; message?: { text: string }; time: string });
  const messages = lines.filter((l) => l.type === 'sent' || l.type === 'received');
  expect(messages.map((l) => `${l.type}:${l.message?.text}`)).toEqual([
    'sent:one',
    'received:ann said: one',
    'sent:two',
    'received:ann said: two',
    'sent:one',
    'received:ann said: one',
  ]);
  expect(lines[0]?.type).toBe('started');
  expect(lines.at(-1)?.type).toBe('status');
  expect(Date.parse(messages[0]!.time)).toBeGreaterThan(0);
});

test('cancelling a running stream stops it where it is', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Ticker');
  await loupe.setRequestBody('{"count": 100000, "intervalMs": 20}');
  await loupe.sendButton.click();
  await expect(loupe.timeline.state).toHaveText('Open');
  await expect
    .poll(async () => Number((await loupe.timeline.receivedCount.innerText()).replace(/,/g, '')))
    .toBeGreaterThanOrEqual(5);
  await loupe.composer.cancel.click();
  await expect(loupe.timeline.state).toHaveText('Finished');
  // CANCELLED everywhere, as History records it: the badge and the timeline's last row.
  await expect(loupe.statusBadge).toHaveText('1 CANCELLED');
  await expect(loupe.timeline.eventRow('Status 1 CANCELLED')).toBeVisible();
  const stopped = await loupe.timeline.receivedCount.innerText();
  await app.waitForTimeout(300); // the count must not move once cancelled
  await expect(loupe.timeline.receivedCount).toHaveText(stopped);
});

test('a stream failing midway shows what arrived, then the error, and jumps to it', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Ticker');
  await loupe.setRequestBody('{"count": 10, "failAfter": 4, "fail": {"code": 9, "message": "disk full"}}');
  await loupe.sendButton.click();
  await expect(loupe.statusBadge).toHaveText('9 FAILED_PRECONDITION');
  await expect(loupe.timeline.receivedCount).toHaveText('4');
  await loupe.timeline.first.click();
  await loupe.timeline.nextError.click();
  await expect(loupe.timeline.detailTitle).toHaveText('Status 9 FAILED_PRECONDITION');
  await expect.poll(() => loupe.timeline.detailText()).toContain('disk full');
});

test('the window answers clicks while a flood of messages arrives', async ({ app }) => {
  test.setTimeout(300_000);
  const loupe = new LoupePage(app);
  await loupe.openMethod('Ticker');
  // Home below must reach the call's first event: the most a call may keep, as a fast machine
  // takes in more than the default 100,000 messages between the count below and the Cancel.
  await loupe.sendButton.click(); // any call shows the timeline and its tools
  await expect(loupe.statusBadge).toHaveText('0 OK');
  await loupe.timeline.keepMessages.selectOption({ label: 'Keep 1,000,000' });
  // A flood with no end in sight on any machine (10^8 messages of 1 KB): the user ends it.
  await loupe.setRequestBody('{"count": 100000000, "payloadBytes": 1000}');
  await loupe.sendButton.click();
  await expect(loupe.timeline.state).toHaveText('Open');

  // While the stream runs: switch response parts and back, and scroll the timeline by keyboard.
  await loupe.responsePart('Headers').click();
  await expect(loupe.responsePart('Headers')).toHaveAttribute('aria-selected', 'true');
  await loupe.timeline.tab.click();
  await expect(loupe.timeline.list).toBeVisible();
  await expect(loupe.timeline.state, 'the clicks were answered while the stream ran').toHaveText('Open');

  // Messages keep arriving by the tens of thousands, then Cancel ends the flood.
  const received = async () => Number((await loupe.timeline.receivedCount.innerText()).replace(/,/g, ''));
  await expect.poll(received, { timeout: 240_000 }).toBeGreaterThanOrEqual(50_000);
  await loupe.composer.cancel.click();
  await expect(loupe.statusBadge).toHaveText('1 CANCELLED');
  await expect(loupe.timeline.letGo).toBeHidden();
  await loupe.timeline.list.press('Home');
  await expect(loupe.timeline.eventRow('Started')).toBeVisible();
  await loupe.timeline.list.press('End');
  await expect(loupe.timeline.eventRow('Status 1 CANCELLED')).toBeVisible();
});

test('the timeline follows the newest row, stops when scrolled up, and resumes with End', async ({ app }) => {
  const loupe = new LoupePage(app);
  await loupe.openMethod('Ticker');
  // A stream that outlasts the test: rows keep arriving while the user scrolls.
  await loupe.setRequestBody('{"count": 1000000, "intervalMs": 2, "payloadBytes": 16}');
  await loupe.sendButton.click();
  const received = async (): Promise<number> =>
    Number((await loupe.timeline.receivedCount.innerText()).replace(/,/g, ''));
  const atLeast = async (n: number): Promise<void> => {
    await expect.poll(received, { timeout: 60_000 }).toBeGreaterThanOrEqual(n);
  };

  // Following: the newest row is on screen, however many have arrived since.
  await atLeast(300);
  await expect(loupe.timeline.follow).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(async () => {
      const { last, setSize } = await loupe.timeline.shownRange();
      return last === setSize && setSize > 300;
    })
    .toBe(true);

  // Scrolled up: the view stays on the same rows as more arrive.
  await loupe.timeline.list.hover();
  await app.mouse.wheel(0, -2000);
  await expect(loupe.timeline.follow).toHaveAttribute('aria-pressed', 'false');
  const held = await loupe.timeline.shownRange();
  expect(held.last).toBeLessThan(held.setSize);
  await atLeast(held.setSize + 200);
  const later = await loupe.timeline.shownRange();
  expect(later.first).toBe(held.first);
  expect(later.setSize).toBeGreaterThan(held.setSize);

  // End selects the newest row and follows again.
  await loupe.timeline.list.focus();
  await app.keyboard.press('End');
  await expect(loupe.timeline.follow).toHaveAttribute('aria-pressed', 'true');
  const resumed = await received();
  await atLeast(resumed + 200);
  await expect
    .poll(async () => {
      const { last, setSize } = await loupe.timeline.shownRange();
      return last === setSize && setSize > resumed + 200;
    })
    .toBe(true);

  // Home while following leaves following and shows the first row, selected.
  await app.keyboard.press('Home');
  await expect(loupe.timeline.follow).toHaveAttribute('aria-pressed', 'false');
  await expect(loupe.timeline.eventRow('Started')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(async () => (await loupe.timeline.shownRange()).first).toBe(1);
});
