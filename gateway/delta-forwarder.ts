// Forwards a turn's deltas to one socket exactly once and in order, whatever mix of "text so far" (read from
// Redis), live deltas of one or more model-call attempts and the final result arrives. The invariant a client
// relies on: the deltas it got after the last chat.reset, joined, equal chat.done's text.
import type { TurnDelta } from '../lib/contracts/chat.js';

export interface ForwarderOutput {
  delta(text: string): void;
  /** The client must drop the partial answer it holds: what follows is the answer of `attempt`. */
  reset(attempt: number): void;
}

export class DeltaForwarder {
  /** The attempt whose text the client holds, and that text. */
  private attempt = 0;
  private sent = '';
  private primed = false;
  private readonly early: TurnDelta[] = [];

  constructor(private readonly out: ForwarderOutput) {}

  /** Live deltas; held back until `prime` has sent the text that was streamed before we subscribed. */
  push(delta: TurnDelta): void {
    if (this.primed) this.apply(delta);
    else this.early.push(delta);
  }

  prime(soFar: { attempt: number; text: string }): void {
    this.apply({ attempt: soFar.attempt, offset: 0, text: soFar.text });
    this.primed = true;
    for (const d of this.early.splice(0)) this.apply(d);
  }

  /**
   * Sends whatever part of the final text the stream did not deliver. If what the client holds is not the start
   * of the final text (it followed an attempt whose successor's deltas it missed), it starts over.
   */
  finish(fullText: string, attempt = this.attempt): void {
    this.primed = true;
    if (!fullText.startsWith(this.sent)) this.startOver(Math.max(attempt, this.attempt + 1));
    if (fullText.length > this.sent.length) this.send(fullText.slice(this.sent.length));
  }

  private apply({ attempt, offset, text }: TurnDelta): void {
    if (attempt < this.attempt) return; // a superseded attempt: its text is no longer the answer
    if (attempt > this.attempt) this.startOver(attempt);
    const end = offset + text.length;
    // Already sent, or a gap we cannot fill from this delta (finish() fills it from the result).
    if (end <= this.sent.length || offset > this.sent.length) return;
    this.send(text.slice(this.sent.length - offset));
  }

  private startOver(attempt: number): void {
    if (this.sent) this.out.reset(attempt);
    this.attempt = attempt;
    this.sent = '';
  }

  private send(text: string): void {
    this.out.delta(text);
    this.sent += text;
  }
}
