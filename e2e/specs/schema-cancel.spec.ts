import { createServer, type Server, type Socket } from 'node:net';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

// A server that accepts connections and never says a word: reflection would wait for its deadline.
let silent: Server;
const sockets = new Set<Socket>();
test.beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});
test.afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

test('a schema load that hangs shows progress and can be cancelled', async ({ app }) => {
  const loupe = new LoupePage(app);
  const { port } = silent.address() as { port: number };
  await expect(loupe.method('Echo')).toBeVisible();
  await loupe.serverAddress.fill(`127.0.0.1:${port}`);
  await loupe.reflectButton.click();
  await expect(loupe.schemaLoading).toBeVisible();
  await loupe.cancelSchemaLoad.click();
  await expect(loupe.schemaLoading).toBeHidden();
  await expect(loupe.reflectButton).toBeEnabled();
  await expect(loupe.services).toContainText('press Reflect');
});
