// One user's WebSocket to the gateway (protocol v1), one chat turn at a time. A connection that drops mid-turn is
// reopened and the same message (same id) sent again: the gateway answers it with the same turn, never twice.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { causeOf, CliError, devToken, notReachable } from './common.js';

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export type ChatEnd =
  | {
      type: 'chat.done';
      id: string;
      text: string;
      usage: Usage;
      redactions: { kind: string }[];
      sources?: { id: string; title: string; similarity: number }[];
      cached?: true;
    }
  | { type: 'chat.blocked'; id: string; layer: string; reason: string; rules: string[] }
  | { type: 'error'; id?: string; code: string; message: string };

export interface TurnResult {
  end: ChatEnd;
  workflowId?: string;
  conversationId?: string;
  /** The deltas after the last reset, joined (what a streaming view has shown). */
  streamed: string;
}

/** How a turn is shown while it streams. */
export interface TurnView {
  delta(text: string): void;
  /** The partial answer is void: the model call was retried (`attempt`), or the message was resent after a reconnect. */
  reset(why: string): void;
}

type Frame = { type: string; id?: string } & Record<string, unknown>;

interface Pending {
  frame: { type: 'chat.send'; id: string; text: string; conversationId?: string };
  view: TurnView;
  streamed: string;
  accepted?: Frame;
  settle(r: TurnResult | Error): void;
}

/** Reconnect attempts for a turn whose connection dropped (~30 s in all: a gateway restart), then the turn fails. */
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000, 6000, 8000, 8000];

export class ChatConnection {
  /** The conversation the next message goes to; undefined starts a new one. */
  conversationId?: string;
  private ws?: WebSocket;
  private pending?: Pending;
  private closing = false;

  constructor(
    readonly gateway: string,
    private readonly user: string,
    private readonly onNotify: (event: string, data: unknown) => void = () => undefined,
  ) {}

  get url(): string {
    return `${this.gateway.replace(/^http/, 'ws')}/ws`;
  }

  /** Opens the socket; a refused connection or token is a CliError saying what to do. */
  async connect(): Promise<void> {
    const token = await devToken(this.user);
    const ws = new WebSocket(this.url, { headers: { authorization: `Bearer ${token}` } });
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const once = (fn: () => void) => () => (settled ? undefined : ((settled = true), fn()));
      ws.on('error', (err) => once(() => reject(notReachable(this.gateway, causeOf(err))))());
      ws.once('open', once(resolve));
      ws.once('unexpected-response', (_req, res) => {
        once(() =>
          reject(
            new CliError(
              res.statusCode === 401
                ? `the gateway refused the token (401): is JWT_SECRET the gateway's?`
                : `the gateway refused the WebSocket (${res.statusCode} ${res.statusMessage ?? ''})`.trim(),
            ),
          ),
        )();
        ws.terminate();
      });
    });
    ws.on('message', (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(String(data)) as Frame;
      } catch {
        return; // not a frame of protocol v1: nothing to show
      }
      this.onFrame(frame);
    });
    ws.on('close', (code) => {
      if (this.ws === ws) this.ws = undefined;
      if (!this.closing && this.pending) void this.recover(code);
    });
    this.ws = ws;
  }

  /** Sends one message and resolves when its turn ends (done, blocked or error). */
  async send(text: string, view: TurnView, timeoutMs: number): Promise<TurnResult> {
    if (this.pending) throw new Error('one turn at a time');
    if (this.ws?.readyState !== WebSocket.OPEN) await this.connect();
    const frame = { type: 'chat.send' as const, id: randomUUID(), text, ...(this.conversationId ? { conversationId: this.conversationId } : {}) };
    return new Promise<TurnResult>((resolve, reject) => {
      const timer = setTimeout(() => this.pending?.settle(new CliError(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      this.pending = {
        frame,
        view,
        streamed: '',
        settle: (r) => {
          clearTimeout(timer);
          this.pending = undefined;
          if (r instanceof Error) reject(r);
          else resolve(r);
        },
      };
      this.ws!.send(JSON.stringify(frame));
    });
  }

  close(): void {
    this.closing = true;
    this.ws?.close();
  }

  private onFrame(f: Frame): void {
    if (f.type === 'notify') return this.onNotify(String(f.event), f.data);
    const p = this.pending;
    // An error without an id (e.g. a rate limit on frames) answers the only message in flight.
    if (!p || (f.id !== undefined && f.id !== p.frame.id) || (f.id === undefined && f.type !== 'error')) return;
    switch (f.type) {
      case 'chat.accepted':
        this.conversationId = f.conversationId as string;
        p.accepted = f;
        // A resent message streams again from its start.
        if (p.streamed) p.view.reset('the message was sent again after a reconnect');
        p.streamed = '';
        break;
      case 'chat.delta':
        p.streamed += f.text as string;
        p.view.delta(f.text as string);
        break;
      case 'chat.reset':
        p.streamed = '';
        p.view.reset(`the model call was retried (attempt ${String(f.attempt)})`);
        break;
      case 'chat.done':
      case 'chat.blocked':
      case 'error':
        p.settle({
          end: f as unknown as ChatEnd,
          workflowId: p.accepted?.workflowId as string | undefined,
          conversationId: (p.accepted?.conversationId as string | undefined) ?? this.conversationId,
          streamed: p.streamed,
        });
    }
  }

  private async recover(code: number): Promise<void> {
    for (const ms of RECONNECT_DELAYS_MS) {
      await sleep(ms);
      if (!this.pending || this.closing) return;
      try {
        await this.connect();
        this.ws!.send(JSON.stringify(this.pending.frame));
        return;
      } catch {
        /* the gateway is still down: wait longer */
      }
    }
    this.pending?.settle(new CliError(`the connection to the gateway closed (${code}) and could not be reopened at ${this.gateway} — is it running?`));
  }
}
