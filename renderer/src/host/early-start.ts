import { initApi } from '../api/client';
import { connectHost } from '.';

/*
 * main.tsx imports this module before any other, so its body runs before the rest of the window's
 * script is evaluated: the connection to the engine and its first question (app.info) are under
 * way while React and the first screen's modules initialise, instead of starting after them.
 * (In Electron, the port's listener is then also in place before the main process sends it.)
 */
export const engineAtStart = connectHost().then((host) => {
  const client = initApi(host);
  const info = client.request('app.info', {});
  // start() awaits it and shows its error; until then a rejection is not "unhandled".
  info.catch(() => undefined);
  return { client, info };
});
engineAtStart.catch(() => undefined);
