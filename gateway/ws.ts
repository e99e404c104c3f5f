// WebSocket /ws: JWT auth at upgrade, one validated JSON frame at a time, errors as frames (the socket stays).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { bearerToken, verifyToken, type AuthUser } from '../lib/auth.js';
import { ErrorCode } from '../lib/errors.js';
import { logger, withLogContext } from '../lib/logger.js';
import { pubsubMessagesDroppedTotal, wsConnections, wsFramesRejectedTotal, wsSlowConsumersClosedTotal } from '../lib/metrics.js';
import { userNotifyChannel, type Notification } from '../lib/contracts/notify.js';
import type { ChannelHub } from './channels.js';
import { parseClientFrame, type ServerFrame } from './protocol.js';
import { requestIdOf } from './request-id.js';
import type { TurnService } from './turns.js';

export interface WsOptions {
  maxPayloadBytes: number;
  maxInputChars: number;
  maxConnectionsPerUser: number;
  /** Bytes queued for a socket past which it is closed as a slow consumer instead of queueing more. */
  maxBufferedBytes: number;
  maxTurnsPerConnection?: number;
  /** Frames a connection may send per second on average (bursts up to twice that). */
  framesPerSecond?: number;
  /** How often the server pings; a connection that missed the previous pong is dropped. */
  heartbeatMs?: number;
}

/** The hard cap at which `ws` itself closes the socket (1009); below it, oversize frames get an error frame. */
const HARD_MAX_PAYLOAD = 1024 * 1024;

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ error: { code: status === 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.RATE_LIMITED, message: reason } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Too Many Requests'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const notification = z.object({ event: z.string(), data: z.record(z.string(), z.unknown()) });

/** A notification as published by lib/contracts/notify.ts, or undefined for anything else on the channel. */
function parseNotification(message: string): Notification | undefined {
  try {
    const r = notification.safeParse(JSON.parse(message));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Open sockets per user: a slot is taken in the same tick as the check, so parallel upgrades cannot pass it together. */
class ConnectionSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  take(userId: string): boolean {
    const n = this.open.get(userId) ?? 0;
    if (n >= this.max) return false;
    this.open.set(userId, n + 1);
    return true;
  }

  release(userId: string): void {
    const n = (this.open.get(userId) ?? 1) - 1;
    if (n <= 0) this.open.delete(userId);
    else this.open.set(userId, n);
  }
}

function tokenOf(req: IncomingMessage): string | undefined {
  return bearerToken(req.headers.authorization) ?? new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
}

export function attachWebSocket(server: Server, turns: TurnService, hub: ChannelHub, opts: WsOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_PAYLOAD });
  const slots = new ConnectionSlots(opts.maxConnectionsPerUser);
  const alive = new WeakMap<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, opts.heartbeatMs ?? 30_000);
  heartbeat.unref();
  wss.on('close', () => clearInterval(heartbeat));

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    verifyToken(tokenOf(req)).then(
      (user) => {
        if (!user) return refuse(socket, 401, 'a valid bearer token is required');
        if (socket.destroyed) return; // the client gave up while its token was checked
        if (!slots.take(user.id)) return refuse(socket, 429, 'too many open connections');
        // The slot lives as long as the TCP connection, whether or not the handshake completes.
        socket.once('close', () => slots.release(user.id));
        wss.handleUpgrade(req, socket, head, (ws) =>
          withLogContext({ userId: user.id }, () => onConnection(ws, user, requestIdOf(req.headers['x-request-id']))),
        );
      },
      () => refuse(socket, 401, 'a valid bearer token is required'),
    );
  });

  function onConnection(ws: WebSocket, user: AuthUser, connectionId: string): void {
    wsConnections.inc();
    const following = new Set<string>();
    const maxTurns = opts.maxTurnsPerConnection ?? 4;
    const bucket = new TokenBucket(opts.framesPerSecond ?? 10);
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    const send = (frame: ServerFrame) => {
      if (ws.readyState !== ws.OPEN) return;
      // A client that stops reading would otherwise have every reply queued in this process's memory.
      if (ws.bufferedAmount > opts.maxBufferedBytes) {
        wsSlowConsumersClosedTotal.inc();
        logger.warn({ userId: user.id, bufferedBytes: ws.bufferedAmount }, 'closing a websocket that does not read its messages');
        ws.close(1013, 'slow consumer: the connection was not reading its messages');
        return;
      }
      ws.send(JSON.stringify(frame));
    };
    const reject = (code: ErrorCode, message: string, id?: string) => {
      wsFramesRejectedTotal.inc({ code });
      send({ type: 'error', ...(id ? { id } : {}), code, message });
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (ws.readyState !== ws.OPEN) return; // closing: nothing more is answered or started
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (!bucket.take()) return reject(ErrorCode.RATE_LIMITED, 'too many frames; slow down');
      if (isBinary) return reject(ErrorCode.BAD_FRAME, 'binary frames are not supported; send JSON text');
      if (bytes.length > opts.maxPayloadBytes) return reject(ErrorCode.PAYLOAD_TOO_LARGE, `frame is larger than ${opts.maxPayloadBytes} bytes`);
      const parsed = parseClientFrame(bytes.toString('utf8'), opts.maxInputChars);
      if (!parsed.ok) return reject(parsed.code, parsed.message, parsed.id);
      const frame = parsed.frame;
      if (frame.type === 'ping') return send({ type: 'pong' });
      // The same message id on the same socket is already being streamed here: do not stream it twice.
      const key = `${frame.conversationId ?? ''}/${frame.id}`;
      if (following.has(key)) return;
      if (following.size >= maxTurns) return reject(ErrorCode.RATE_LIMITED, `at most ${maxTurns} turns at once per connection`, frame.id);
      following.add(key);
      // Each chat frame is a request of its own: its id (on the connection's) goes on every line the turn logs.
      withLogContext({ request_id: randomUUID(), connection_id: connectionId, userId: user.id }, () => turns.run(user.id, frame, send)).finally(() =>
        following.delete(key),
      );
    });
    // Job notifications for this user (knowledge node stored, analysis done), from any worker, via Redis.
    const unsubscribe = hub
      .subscribe(userNotifyChannel(user.id), (message) => {
        const n = parseNotification(message);
        if (n) return send({ type: 'notify', event: n.event, data: n.data });
        pubsubMessagesDroppedTotal.inc({ reason: 'malformed' });
        logger.warn({ userId: user.id, bytes: message.length }, 'dropped a malformed notification');
      })
      .catch((err: Error) => {
        logger.warn({ userId: user.id, err: err.message }, 'notifications unavailable for this connection');
        return undefined;
      });
    ws.on('close', () => {
      void unsubscribe.then((fn) => fn?.());
      wsConnections.dec();
    });
    ws.on('error', (err) => logger.debug({ err: err.message, userId: user.id }, 'websocket error'));
  }

  return wss;
}

/** Frames per second per connection, with bursts up to twice the rate. */
class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(private readonly ratePerSecond: number) {
    this.tokens = ratePerSecond * 2;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.ratePerSecond * 2, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
