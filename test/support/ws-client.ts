// A small WebSocket test client: collects every frame and waits for the ones a test expects.
import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { type: string };

export class TestSocket {
  readonly frames: Frame[] = [];
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.pred(frame) ? (w.resolve(frame), false) : true));
    });
  }

  static open(url: string, token?: string): Promise<TestSocket> {
    const ws = new WebSocket(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestSocket(ws)));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  next(pred: (f: Frame) => boolean, timeoutMs = 30_000): Promise<Frame> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.waiters.push({ pred, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  /** All frames of one chat turn, once it ends (done, blocked or error). */
  async turn(id: string): Promise<{ accepted?: Frame; deltas: string[]; end: Frame }> {
    const end = await this.next((f) => f.id === id && ['chat.done', 'chat.blocked', 'error'].includes(f.type));
    const mine = this.frames.filter((f) => f.id === id);
    return {
      accepted: mine.find((f) => f.type === 'chat.accepted'),
      deltas: mine.filter((f) => f.type === 'chat.delta').map((f) => f.text as string),
      end,
    };
  }

  close(): void {
    this.ws.close();
  }
}
