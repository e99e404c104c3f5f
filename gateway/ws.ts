// WebSocket /ws: JWT auth at upgrade, one validated JSON frame at a time, errors as frames (the socket stays).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { bearerToken, verifyToken, type AuthUser } from '../lib/auth.js';
import { ErrorCode } from '../lib/errors.js';
import { logger, withLogContext } from '../lib/logger.js';
import { wsConnections, wsFramesRejectedTotal } from '../lib/metrics.js';
import { userNotifyChannel, type Notification } from '../lib/notify.js';
import type { ChannelHub } from './channels.js';
import { parseClientFrame, type ServerFrame } from './protocol.js';
import { requestIdOf } from './request-id.js';
import type { TurnService } from './turns.js';

export interface WsOptions {
  maxPayloadBytes: number;
  maxInputChars: number;
  maxConnectionsPerUser: number;
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
  socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Too Many Requests'}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function tokenOf(req: IncomingMessage): string | undefined {
  return bearerToken(req.headers.authorization) ?? new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
}

export function attachWebSocket(server: Server, turns: TurnService, hub: ChannelHub, opts: WsOptions): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_PAYLOAD });
  const perUser = new Map<string, number>();
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
    verifyToken(tokenOf(req)).then((user) => {
      if (!user) return refuse(socket, 401, 'a valid bearer token is required');
      if ((perUser.get(user.id) ?? 0) >= opts.maxConnectionsPerUser) return refuse(socket, 429, 'too many open connections');
      wss.handleUpgrade(req, socket, head, (ws) => withLogContext({ userId: user.id }, () => onConnection(ws, user, requestIdOf(req.headers['x-request-id']))));
    }, () => refuse(socket, 401, 'a valid bearer token is required'));
  });

  function onConnection(ws: WebSocket, user: AuthUser, connectionId: string): void {
    perUser.set(user.id, (perUser.get(user.id) ?? 0) + 1);
    wsConnections.inc();
    const following = new Set<string>();
    const maxTurns = opts.maxTurnsPerConnection ?? 4;
    const bucket = new TokenBucket(opts.framesPerSecond ?? 10);
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    const send = (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const reject = (code: ErrorCode, message: string, id?: string) => {
      wsFramesRejectedTotal.inc({ code });
      send({ type: 'error', ...(id ? { id } : {}), code, message });
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
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
      withLogContext({ request_id: randomUUID(), connection_id: connectionId, userId: user.id }, () => turns.run(user.id, frame, send)).finally(() => following.delete(key));
    });
    // Job notifications for this user (knowledge node stored, analysis done), from any worker, via Redis.
    const unsubscribe = hub
      .subscribe(userNotifyChannel(user.id), (message) => {
        const n = JSON.parse(message) as Notification;
        send({ type: 'notify', event: n.event, data: n.data });
      })
      .catch((err: Error) => {
        logger.warn({ userId: user.id, err: err.message }, 'notifications unavailable for this connection');
        return undefined;
      });
    ws.on('close', () => {
      void unsubscribe.then((fn) => fn?.());
      wsConnections.dec();
      const n = (perUser.get(user.id) ?? 1) - 1;
      if (n <= 0) perUser.delete(user.id);
      else perUser.set(user.id, n);
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
