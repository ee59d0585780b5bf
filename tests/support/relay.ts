/**
 * A PostgreSQL server as a client sees it through a relay the test can cut:
 * a server that stops answering mid-work, while the shared test server keeps
 * running for every other test.
 */
import net from 'node:net';
import type { PgConnection } from '@core/kernel/db/postgres';

export interface CuttableRelay {
  /** The port on 127.0.0.1 that leads to the server until cut. */
  port: number;
  /** Stops listening and ends every open connection: the server is gone as the client sees it. */
  cut(): Promise<void>;
}

export async function cuttableRelay(connection: PgConnection): Promise<CuttableRelay> {
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const server = net.connect(connection.port ?? 5432, connection.host);
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as net.AddressInfo;
  let cut: Promise<void> | null = null;
  return {
    port,
    cut: () =>
      (cut ??= new Promise<void>((resolve) => {
        relay.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      })),
  };
}
