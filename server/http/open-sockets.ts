import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** The sockets a server holds open: watched while it serves, ended all when it closes. */
export interface OpenSockets {
  /** Every socket accepted and not closed yet (upgraded ones too). */
  readonly sockets: ReadonlySet<Socket>;
  /** Destroys every socket still open; returns how many there were (not counting those already being closed). */
  destroyAll(): number;
}

/**
 * Tracks every socket `server` accepts until it closes.
 *
 * @remarks
 * Node's `closeAllConnections()` ends the sockets its HTTP parser still holds, not one handed
 * to an `upgrade` listener. A WebSocket upgrade that arrives while the server closes, after
 * graphql-ws has let go of upgrades, is such a socket that nobody answers: paused, it never
 * even sees its client leave, and `server.close()` waited for it forever.
 */
export function trackOpenSockets(server: Server): OpenSockets {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    sockets,
    destroyAll() {
      let open = 0;
      for (const socket of sockets) {
        if (socket.destroyed) continue;
        open += 1;
        socket.destroy();
      }
      sockets.clear();
      return open;
    },
  };
}
