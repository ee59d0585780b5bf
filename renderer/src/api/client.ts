/**
 * The renderer's one way to reach the core: a typed client over a transport.
 * In Electron the transport is the preload bridge (window.renkei); in a
 * browser it is the loopback host's HTTP API with the page's token.
 */
import type { OpError, OpInput, OpName, OpOutput, OpResult } from '@shared/contract';

/** A call named as a job, so its progress can be asked and it can be cancelled (app.jobs.*). */
export interface CallOptions {
  jobId?: string;
}

export interface Transport {
  call(name: string, input: unknown, options?: CallOptions): Promise<OpResult<unknown>>;
  /** 'electron' shows desktop-only actions (file dialogs). */
  readonly kind: 'electron' | 'http';
}

/** What the preload script exposes on window.renkei. */
export interface RenkeiBridge {
  call(name: string, input: unknown, jobId?: string): Promise<OpResult<unknown>>;
  pickDatabaseFile(mode: 'open' | 'create'): Promise<string | null>;
  /** The 編集 menu's 元に戻す / やり直し; returns how to stop listening. */
  onEditCommand(listener: (command: 'undo' | 'redo') => void): () => void;
}

declare global {
  interface Window {
    renkei?: RenkeiBridge;
  }
}

/** An operation's failure, carrying the core's typed error. */
export class OpFailure extends Error {
  constructor(readonly error: OpError) {
    super(error.message);
    this.name = 'OpFailure';
  }
}

function httpTransport(token: string): Transport {
  return {
    kind: 'http',
    async call(name, input, options = {}) {
      let response: Response;
      try {
        response = await fetch(`./api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-renkei-token': token,
            ...(options.jobId ? { 'x-renkei-job': options.jobId } : {}),
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return {
          ok: false,
          error: { code: 'io', message: 'Renkei のサーバーに接続できません。サーバーが起動しているか確かめてください。' },
        };
      }
      return (await response.json()) as OpResult<unknown>;
    },
  };
}

function bridgeTransport(bridge: RenkeiBridge): Transport {
  return { kind: 'electron', call: (name, input, options = {}) => bridge.call(name, input, options.jobId) };
}

export function detectTransport(): Transport {
  if (window.renkei) return bridgeTransport(window.renkei);
  const token = document.querySelector<HTMLMetaElement>('meta[name="renkei-token"]')?.content ?? '';
  return httpTransport(token);
}

export interface Client {
  readonly transport: Transport;
  call<N extends OpName>(name: N, input: OpInput<N>, options?: CallOptions): Promise<OpOutput<N>>;
}

export function createClient(transport: Transport): Client {
  return {
    transport,
    async call(name, input, options) {
      const result = await transport.call(name, input, options);
      if (!result.ok) throw new OpFailure(result.error);
      return result.value as never;
    },
  };
}
